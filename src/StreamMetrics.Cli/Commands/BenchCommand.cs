using System.CommandLine;
using System.Text.Json;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Hosting.Bench;
using StreamMetrics.Hosting.Commands;

namespace StreamMetrics.Cli.Commands;

/// <summary><c>streammetrics bench</c>: how fast the pipeline is, against the limits of Kafka and of Akka.Streams.</summary>
internal static class BenchCommand
{
    /// <summary>camelCase keys: scripts read <c>eventsPerSecond.kafkaRaw</c>, <c>ratios.kafka</c> and the rest.</summary>
    internal static readonly JsonSerializerOptions ReportFormat = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events per path (1,000 to 20,000,000)", DefaultValueFactory = _ => 1_000_000 };
        var types = new Option<int>("--types") { Description = "Event types the events take turns in (1 to 1,000,000)", DefaultValueFactory = _ => 10 };
        var profile = new Option<BenchProfile>("--profile")
        {
            Description = "Metric profile of every type: minimal, debug, or adaptive (the configurator chooses)", DefaultValueFactory = _ => BenchProfile.Adaptive,
            HelpName = "minimal|debug|adaptive",
            CustomParser = ParseProfile,
        };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the report as JSON to this file" };
        // The same -X as run's: compression and batching can be tried on the bench's clients as a user would set them.
        var kafkaProperty = CommonOptions.KafkaProperty();
        var command = new Command("bench",
            "Run the same events, in one process, through a plain Confluent.Kafka loop (kafka-raw), the pipeline on Kafka " +
            "(pipeline-kafka), the graph's shape with identity stages (akka-raw) and the pipeline in memory (pipeline-memory); " +
            "report events/s, their ratios, bytes allocated per event, peak memory and latency at half the maximum rate.")
        {
            events, types, profile, report, kafkaProperty,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var count = parse.GetValue(events);
            if (count is < 1_000 or > 20_000_000)
                throw new ArgumentException($"--events = {count}, must be between 1000 and 20000000");
            var typeCount = parse.GetValue(types);
            if (typeCount is < 1 or > 1_000_000)
                throw new ArgumentException($"--types = {typeCount}, must be between 1 and 1000000");
            var result = await new BenchRun(count, typeCount, parse.GetValue(profile), Console.Error, parse.GetValue(kafkaProperty)).RunAsync(cancellation);
            Console.Write(BenchTable.Format(result));
            if (parse.GetValue(report) is { } file)
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(result, ReportFormat), cancellation);
            return result.LostMessages == 0 && !result.MetricsTruncated ? 0 : 1;
        });
        return command;
    }

    /// <summary>A profile by its name, in any case; anything else is refused naming the value and the names allowed.</summary>
    private static BenchProfile ParseProfile(System.CommandLine.Parsing.ArgumentResult result)
    {
        var value = result.Tokens[^1].Value;
        foreach (var profile in Enum.GetValues<BenchProfile>())
        {
            if (string.Equals(BenchRun.Name(profile), value, StringComparison.OrdinalIgnoreCase))
                return profile;
        }
        result.AddError($"--profile = '{value}' is not a profile: use minimal, debug or adaptive");
        return default;
    }
}
