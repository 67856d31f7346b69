using System.CommandLine;
using System.Globalization;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Cli.Commands;

/// <summary><c>streammetrics evaluate TRACE.csv --durations FUNCTIONS.csv</c>: every policy on the same simulated invocations.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var trace = TraceOptions.Trace();
        var durations = TraceOptions.Durations();
        var policies = CommonOptions.List("--policies", $"comma-separated policies ({string.Join(", ", PolicyCatalog.Names)})",
            string.Join(",", PolicyCatalog.Names),
            name => (name, PolicyCatalog.Names.Contains(name) ? null : $"is unknown: use {string.Join(", ", PolicyCatalog.Names)}"));
        var coldStart = CommonOptions.Duration("--cold-start", TimeSpan.FromSeconds(1), "time to start an instance");
        var seed = new Option<int>("--seed") { Description = "seed of the arrival and execution-time draws", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "write the JSON report to this file" };
        var plot = new Option<string?>("--plot") { Description = "write the PNG (cold-start rate vs instance-hours; pool size of the busiest functions)" };
        var headrooms = CommonOptions.List("--headrooms",
            "comma-separated headroom settings of the predictive frontier, lean (-0.5) to generous (20), 0 being the default; 6 or more draw the frontier; write --headrooms=-0.3,0,1 when the first is negative",
            string.Join(",", PolicyCatalog.FrontierHeadrooms.Select(h => h.ToString(CultureInfo.InvariantCulture))),
            Headroom);
        var top = new Option<int?>("--top") { Description = "only the first N functions of the trace (the sample is sorted busiest first)" }.AtLeast(1);
        var minutes = new Option<int?>("--minutes") { Description = "only the first N minutes of the trace (with --top, the slice `replay` runs live)" }.AtLeast(1);
        var split = TraceOptions.Split(
            "Evaluate only one half of the trace's functions (before --top), split by a hash of the function id: tune (the half " +
            "the configurator's settings are chosen on), eval (the half that only measures) or all");

        var command = new Command("evaluate", "Replay a trace through every scaling policy in the simulator and compare cold starts and cost")
        {
            trace, durations, policies, coldStart, seed, report, plot, headrooms, top, minutes, split,
        };
        command.SetGuardedAction(async (p, ct) =>
        {
            var request = new EvaluationRequest
            {
                TracePath = p.GetValue(trace)!,
                DurationsPath = p.GetValue(durations)!,
                Policies = p.GetValue(policies)!,
                FrontierHeadrooms = p.GetValue(headrooms)!,
                Simulation = new SimulationOptions { ColdStart = p.GetValue(coldStart), Seed = p.GetValue(seed) },
                TopFunctions = p.GetValue(top),
                FirstMinutes = p.GetValue(minutes),
                Split = FunctionSplit.ParseHalf(p.GetValue(split)!),
            };
            var result = await new ProgressDisplay(Console.Error, TimeProvider.System).RunAsync("evaluate", "invocations", progress => Task.Run(
                () => Evaluator.Run(request, simulated => progress.Report(new ProgressUpdate(simulated.Done, simulated.Total, "counted once per policy"))),
                ct).WaitAsync(ct)); // the simulation takes no token: Ctrl-C leaves it behind, and the process ends without it

            Console.WriteLine(ReportTable.Format(result.Report));
            Console.WriteLine($"evaluated {result.Report.Functions} functions in {result.Report.ElapsedSeconds:F1}s (seed {request.Simulation.Seed}, cold start {request.Simulation.ColdStart.TotalMilliseconds} ms)");
            if (p.GetValue(report) is { } reportPath)
            {
                await ReportJson.WriteAsync(result.Report, reportPath, ct);
                Console.WriteLine($"report: {reportPath}");
            }
            if (p.GetValue(plot) is { } plotPath)
            {
                ReportPlot.Save(result, plotPath);
                Console.WriteLine($"plot: {plotPath}");
            }
            return 0;
        });
        return command;
    }

    private static (double Value, string? Error) Headroom(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h is >= PredictivePolicyOptions.MinHeadroom and <= PredictivePolicyOptions.MaxHeadroom
            ? (h, null)
            : (0, $"is not a number between {PredictivePolicyOptions.MinHeadroom} and {PredictivePolicyOptions.MaxHeadroom}; a list that starts with a negative setting is written --headrooms=-0.5,0,1");
}
