using System.CommandLine;
using Confluent.Kafka;
using StreamMetrics.Hosting.Watching;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// <c>streammetrics watch</c>: print the records of one topic, decoded from Avro; or, with <c>--format table</c> and no
/// <c>--topic</c>, a live view of every event type from the operators' topics.
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>How far back the live view starts reading, so its rates and rows fill at once instead of after a window.</summary>
    private static readonly TimeSpan LiveLookBack = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers(required: true);
        var topic = new Option<string?>("--topic", "-t")
        {
            Description = "Topic to read, e.g. events, metrics.debug, forecasts, scaling, deadletter; required with --format json. " +
                          "Without it, --format table shows the live view of every event type",
        };
        var fromBeginning = new Option<bool>("--from-beginning")
        {
            Description = "Start at the oldest record still kept; without it, only records published from now on are shown " +
                          "(the live view starts 10 s back, and with the latest forecasts and scaling decisions, so its first refresh is already full)",
        };
        var count = new Option<int?>("--count", "-n")
        {
            Description = "Exit after printing this many records (the live view: this many refreshes), at least 1; without it, run until Ctrl-C",
        };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n)
                result.AddError($"--count = {n}, must be at least 1");
        });
        var format = new Option<string>("--format", "-f")
        {
            Description = "json: one JSON object per line ({\"schema\":\"MetricSample\",...}, timestamps ISO-8601 UTC, bytes base64); " +
                          "table: with --topic, aligned columns and a header per record type; without --topic, the live view: one row per " +
                          "event type with its actual and predicted rate and bounds, profile, instances and busy ones, cold starts and " +
                          "metric records per second per topic, read from forecasts, scaling and metrics.*; redrawn in place on a terminal, " +
                          "plain lines per refresh when the output is redirected (default json)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var refresh = CommonOptions.Duration("--refresh", TimeSpan.FromSeconds(2), "How often the live view refreshes, 100ms to 1h");
        refresh.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<TimeSpan>() is var every && (every < TimeSpan.FromMilliseconds(100) || every > TimeSpan.FromHours(1)))
                result.AddError($"--refresh = {every.TotalMilliseconds}ms, must be between 100ms and 1h");
        });
        var kafkaProperty = CommonOptions.KafkaProperty();
        var command = new Command("watch",
            "Print the records of a topic, decoding any StreamMetrics Avro record (Event, MetricSample, Forecast, ScalingDecision, " +
            "DeadLetter) by the schema fingerprint it carries; or, with --format table and no --topic, watch every event type live. " +
            "Reads every partition by manual assignment, without a consumer group, so it never disturbs the service or commits " +
            "anything, and works from any machine that reaches the cluster. Records it cannot decode are reported on stderr and skipped (the live view counts them).")
        {
            bootstrap,
            topic,
            fromBeginning,
            count,
            format,
            refresh,
            kafkaProperty,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var servers = parse.GetValue(bootstrap)!;
            var name = parse.GetValue(topic);
            var live = name is null;
            if (live && parse.GetValue(format) == "json")
            {
                await error.WriteLineAsync("--topic is required with --format json; --format table without --topic shows the live view of every event type");
                return 1;
            }
            var problem = KafkaConnection.Check(servers, parse.GetValue(kafkaProperty)!, out var clients, out var metadata);
            var partitions = problem is null ? Partitions(metadata!, live ? IsOperatorTopic : t => t == name) : [];
            if (problem is null && partitions.Count == 0)
            {
                var known = metadata!.Topics.Select(t => t.Topic).Where(t => !t.StartsWith("__", StringComparison.Ordinal)).Order();
                problem = live
                    ? $"no forecasts, scaling or metrics.* topic on {servers}: has a StreamMetrics service run against it? topics there: {string.Join(", ", known)}"
                    : $"--topic '{name}' does not exist on {servers}; topics there: {string.Join(", ", known)}";
            }
            if (problem is not null)
                throw new ArgumentException(problem);
            var output = parse.InvocationConfiguration.Output;
            if (live)
            {
                var from = parse.GetValue(fromBeginning) ? (DateTimeOffset?)null : TimeProvider.System.GetUtcNow() - LiveLookBack;
                return await Task.Run(() => WatchLive(clients!, partitions, from, parse.GetValue(refresh), parse.GetValue(count), output, error, ct), CancellationToken.None);
            }
            var start = parse.GetValue(fromBeginning) ? Offset.Beginning : Offset.End;
            var assignment = partitions.Select(p => new TopicPartitionOffset(p, start)).ToList();
            return await Task.Run(() => Watch(clients!, assignment, parse.GetValue(count), parse.GetValue(format) == "table",
                output, error, ct), CancellationToken.None);
        });
        return command;
    }

    private static bool IsOperatorTopic(string topic) =>
        topic is StandardTopics.Forecasts or StandardTopics.Scaling || topic.StartsWith(StandardTopics.MetricsTopic(""), StringComparison.Ordinal);

    private static List<TopicPartition> Partitions(Metadata metadata, Func<string, bool> wanted) =>
        metadata.Topics
            .Where(t => wanted(t.Topic) && t.Error.Code == ErrorCode.NoError)
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .ToList();

    /// <summary>A group of its own that is never joined nor committed to: the watcher assigns the partitions itself.</summary>
    private static IConsumer<Ignore, byte[]> CreateConsumer(KafkaClients clients, bool endOfPartitionEvents = false) =>
        clients.CreateReader<Ignore, byte[]>($"streammetrics-watch-{Guid.NewGuid():N}", endOfPartitionEvents: endOfPartitionEvents);

    /// <summary>The live view, from <paramref name="from"/> (null: the oldest record kept) on every operator topic.</summary>
    private static int WatchLive(
        KafkaClients clients, List<TopicPartition> partitions, DateTimeOffset? from, TimeSpan refresh, int? refreshes,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var consumer = CreateConsumer(clients, endOfPartitionEvents: true);
        var assignment = from is { } since
            ? LiveStart.Positions(consumer, partitions, since, KafkaConnection.ReachTimeout)
            : partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)).ToList();
        consumer.Assign(assignment);
        var topics = partitions.Select(p => p.Topic).Distinct().Order(StringComparer.Ordinal).ToList();
        var read = new LiveWatch(consumer, partitions.Count, output, TimeProvider.System, $"StreamMetrics on {clients.BootstrapServers}").Run(refresh, refreshes, ct);
        consumer.Close();
        error.WriteLine($"watched {read} records on {string.Join(", ", topics)}");
        return 0;
    }

    private static int Watch(KafkaClients clients, List<TopicPartitionOffset> assignment, int? count, bool table,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        using var consumer = CreateConsumer(clients);
        consumer.Assign(assignment);
        var tableWriter = table ? new RecordTable(output) : null;
        long printed = 0, undecodable = 0;
        while (!ct.IsCancellationRequested && (count is null || printed < count))
        {
            var result = consumer.Consume(PollTimeout);
            if (result?.Message is null)
                continue;
            if (!AnyRecordDecoder.TryDecode(result.Message.Value ?? [], out var json, out var reason))
            {
                undecodable++;
                error.WriteLine($"{result.TopicPartitionOffset}: {reason} — skipped");
                continue;
            }
            if (tableWriter is not null)
                tableWriter.Write(json);
            else
                output.WriteLine(json.ToJsonString(AnyRecordDecoder.PrintOptions));
            output.Flush();
            printed++;
        }
        consumer.Close();
        error.WriteLine($"watched {printed} records ({undecodable} undecodable) on {assignment[0].Topic}");
        return 0;
    }
}
