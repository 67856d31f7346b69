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
            "compressed into --duration, bursts); show rates, forecasts, profiles and the pool live; end with a summary.")
        {
            duration, summary, seed, http, maxTypes,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var runLength = parse.GetValue(duration);
            var demo = new DemoRun(runLength, parse.GetValue(seed), Console.Out) { Http = CommonOptions.OperatorHttp(parse, http, maxTypes) };
            var result = await demo.RunAsync(
                (progress, stop) => new LiveView(progress, Console.Out).RunAsync(TimeSpan.FromSeconds(1), TimeProvider.System, stop),
                cancellation);
            var json = JsonSerializer.Serialize(result, SummaryFormat);
            Console.WriteLine("summary:");
            Console.WriteLine(json);
            if (parse.GetValue(summary) is { } file)
                await File.WriteAllTextAsync(file.FullName, json, cancellation);
            return result.EventsProcessed == result.EventsProduced && result.LostMessages == 0 ? 0 : 1;
        });
        return command;
    }
}
