using System.CommandLine;
using System.Text.Json;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Hosting.Demo;

namespace StreamMetrics.Cli.Commands;

/// <summary><c>streammetrics demo</c>: the whole system on one machine, no broker to install.</summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions SummaryFormat = new() { WriteIndented = true };

    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var duration = CommonOptions.Duration("--duration", TimeSpan.FromSeconds(60), "How long the synthetic load runs (a day compressed into it), 5s to 1d")
            .Within(TimeSpan.FromSeconds(5), TimeSpan.FromDays(1));
        var summary = new Option<FileInfo?>("--summary") { Description = "Also write the end-of-run summary as JSON to this file" };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic workload; the same seed gives the same load", DefaultValueFactory = _ => 1 };
        var http = CommonOptions.Http();
        var maxTypes = CommonOptions.MetricsMaxTypes();
        var command = new Command("demo",
            "Start an embedded Kafka-protocol cluster, the full pipeline and a synthetic workload (four event types, a daily curve " +
            "compressed into --duration, bursts); show rates, forecasts, profiles and the pool live; end with a summary. Standard " +
            "output gets the cluster's bootstrap.servers= line (for `watch -b` from another terminal) and the summary; the live " +
            "table and progress go to standard error, redrawn on a terminal and as plain lines every 5 s when redirected.")
        {
            duration, summary, seed, http, maxTypes,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var runLength = parse.GetValue(duration);
            var output = parse.InvocationConfiguration.Output;
            var display = new ProgressDisplay(parse.InvocationConfiguration.Error, TimeProvider.System);
            var demo = new DemoRun(runLength, parse.GetValue(seed), output) { Http = CommonOptions.OperatorHttp(parse, http, maxTypes) };
            var result = await demo.RunAsync(
                (progress, stop) => ShowAsync(display, progress, runLength, stop),
                cancellation);
            var json = JsonSerializer.Serialize(result, SummaryFormat);
            await output.WriteLineAsync("summary:");
            await output.WriteLineAsync(json);
            if (parse.GetValue(summary) is { } file)
                await File.WriteAllTextAsync(file.FullName, json, cancellation);
            return result.EventsProcessed == result.EventsProduced && result.LostMessages == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The run's time as progress, with the status table of its event types above it, until the demo stops it.</summary>
    private static Task<int> ShowAsync(ProgressDisplay display, DemoProgress progress, TimeSpan duration, CancellationToken stop)
    {
        var status = new DemoStatus(progress);
        return display.RunAsync("demo", unit: null, async report =>
        {
            var started = TimeProvider.System.GetTimestamp();
            using var every = new PeriodicTimer(ReportEvery, TimeProvider.System);
            try
            {
                do
                    Report(report, progress, TimeProvider.System.GetElapsedTime(started), duration);
                while (await every.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException)
            {
                // The demo has drained; the summary follows.
            }
            Report(report, progress, duration, duration);
            return 0;
        }, (status.Snapshot, "StreamMetrics demo"));
    }

    private static void Report(IProgress<ProgressUpdate> report, DemoProgress progress, TimeSpan elapsed, TimeSpan duration)
    {
        var produced = progress.Produced();
        var processed = progress.Components.Counters.EventsProcessed;
        var phase = elapsed < duration || processed >= produced ? "" : ", draining";
        report.Report(new ProgressUpdate(Math.Min(elapsed.TotalSeconds, duration.TotalSeconds), duration.TotalSeconds,
            $"{produced:N0} events produced, {processed:N0} processed{phase}"));
    }
}
