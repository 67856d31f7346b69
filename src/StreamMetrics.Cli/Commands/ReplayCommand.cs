using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Hosting;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Live;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Cli.Commands;

/// <summary><c>streammetrics replay TRACE.csv --durations FUNCTIONS.csv</c>: a recorded trace through the real pipeline, time-compressed.</summary>
internal static class ReplayCommand
{
    private static readonly JsonSerializerOptions ReportFormat = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var trace = TraceOptions.Trace();
        var durations = TraceOptions.Durations();
        var speed = new Option<double>("--speed") { Description = "trace seconds per wall-clock second (60: a trace hour in a minute); 1 to 10000", DefaultValueFactory = _ => 60 }
            .Within(1, 10_000);
        var policy = new Option<string>("--policy")
        {
            Description = $"scaling policy applied to every function's instances ({string.Join(", ", ScalingPolicies.PerTypeNames)})",
            DefaultValueFactory = _ => "predictive",
        };
        policy.AcceptOnlyFromAmong([.. ScalingPolicies.PerTypeNames]);
        var bootstrap = CommonOptions.BootstrapServers(required: false);
        var top = new Option<int?>("--top") { Description = "only the first N functions of the trace (the sample is sorted busiest first)" }.AtLeast(1);
        var minutes = new Option<int?>("--minutes") { Description = "only the first N minutes of the trace" }.AtLeast(1);
        var coldStart = CommonOptions.Duration("--cold-start", TimeSpan.FromSeconds(1), "time to start an instance, in trace time (at most 1m)")
            .Within(TimeSpan.FromMilliseconds(1), WorkerPoolOptions.MaxColdStart);
        var seed = new Option<int>("--seed") { Description = "seed of the arrival and execution-time draws (the simulator's, so `evaluate` with the same seed sees the same invocations)", DefaultValueFactory = _ => 1 };
        var config = new Option<FileInfo?>("--config") { Description = "JSON file with profiles, selection thresholds and Kafka client properties (functions and pool are the replay's own)" };
        var inputTopic = new Option<string?>("--input-topic")
        {
            Description = "publish and read the trace through this existing topic (e.g. `events` on a `streammetrics broker` cluster, " +
                          "which cannot create topics); default: fresh topics per run",
        };
        var kafkaProperty = CommonOptions.KafkaProperty();
        var report = new Option<string?>("--report") { Description = "write the JSON report (policies.<policy>.* as in evaluate, simulated.<policy>.*, agreement, functionRows)" };

        var command = new Command("replay",
            "Publish a recorded trace's invocations to Kafka on a clock --speed times faster than real time and run them through the " +
            "real pipeline, every function scaled by --policy; each event is published ahead of its time and dispatched to the worker " +
            "pool at its recorded arrival time. At the end, prints cold starts, waits and instance-seconds beside the simulator's " +
            "run of the same invocations (as `evaluate --top N --minutes M --seed S` would give). It runs in a child process whose " +
            "first GC generation gets a 64 MB budget (DOTNET_GCgen0size=0x4000000), so collections do not pause the fast clock for " +
            "seconds of trace time; set DOTNET_GCgen0size yourself to choose another budget (0: the runtime's own).")
        {
            trace, durations, speed, policy, bootstrap, top, minutes, coldStart, seed, config, inputTopic, report, kafkaProperty,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var settings = Settings(parse, trace, durations, speed, policy, bootstrap, top, minutes, coldStart, seed, config, kafkaProperty) with
            {
                InputTopic = parse.GetValue(inputTopic),
            };
            var output = parse.InvocationConfiguration.Output;
            var display = new ProgressDisplay(parse.InvocationConfiguration.Error, TimeProvider.System);
            var result = await display.RunAsync("replay", "trace minutes", progress =>
                new ReplayRun(settings, display.Status, new SyncProgress<ReplayProgress>(p => progress.Report(new ProgressUpdate(p.Minute, p.Minutes,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{p.Published:N0} published, {p.Dispatched:N0} dispatched, {p.ColdStarts:N0} cold starts, {p.Instances} instances, " +
                        $"GC pauses {p.GcPauses.TotalMilliseconds:N0} ms")))))
                    .RunAsync(cancellation));
            await output.WriteLineAsync(ReplayTable.Format(result));
            if (parse.GetValue(report) is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, ReportFormat), cancellation);
                await output.WriteLineAsync($"report: {path}");
            }
            return result.EventsProcessed + result.DeadLettered == result.EventsProduced && result.LostMessages == 0 ? 0 : 1;
        });
        return command;
    }

    private static ReplaySettings Settings(
        ParseResult parse, Argument<string> trace, Option<string> durations, Option<double> speed, Option<string> policy,
        Option<string?> bootstrap, Option<int?> top, Option<int?> minutes, Option<TimeSpan> coldStart, Option<int> seed, Option<FileInfo?> config,
        Option<IReadOnlyDictionary<string, string>> kafkaProperty)
    {
        var factor = parse.GetValue(speed);
        var start = parse.GetValue(coldStart);
        var profiles = ConfigFile.Load(parse.GetValue(config));
        var properties = KafkaProperties.Merge(profiles.Kafka, parse.GetValue(kafkaProperty)!);
        if (parse.GetValue(bootstrap) is { } servers && KafkaConnection.Check(servers, properties, out _, out _) is { } problem)
            throw new ArgumentException(problem);
        var slice = new EvaluationRequest
        {
            TracePath = parse.GetValue(trace)!,
            DurationsPath = parse.GetValue(durations)!,
            Policies = [parse.GetValue(policy)!],
            Simulation = new SimulationOptions { ColdStart = start, Seed = parse.GetValue(seed) },
            TopFunctions = parse.GetValue(top),
            FirstMinutes = parse.GetValue(minutes),
        };
        return new ReplaySettings(slice, parse.GetValue(policy)!, factor, parse.GetValue(bootstrap), profiles, null) { KafkaProperties = properties };
    }
}
