using System.CommandLine;
using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Hosting.Commands;

/// <summary><c>streammetrics watch</c>: print the records of one topic, decoded from Avro.</summary>
internal static class WatchCommand
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers(required: true);
        var topic = new Option<string>("--topic", "-t")
        {
            Description = "Topic to read, e.g. events, metrics.debug, forecasts, scaling, deadletter",
            Required = true,
        };
        var fromBeginning = new Option<bool>("--from-beginning")
        {
            Description = "Start at the oldest record still kept; without it, only records published from now on are shown",
        };
        var count = new Option<int?>("--count", "-n")
        {
            Description = "Exit after printing this many records (at least 1); without it, run until Ctrl-C",
        };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n)
                result.AddError($"--count = {n}, must be at least 1");
        });
        var format = new Option<string>("--format", "-f")
        {
            Description = "json: one JSON object per line ({\"schema\":\"MetricSample\",...}, timestamps ISO-8601 UTC, bytes base64); " +
                          "table: aligned columns, a header per record type (default json)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var kafkaProperty = CommonOptions.KafkaProperty();
        var command = new Command("watch",
            "Print the records of a topic, decoding any StreamMetrics Avro record (Event, MetricSample, Forecast, ScalingDecision, " +
            "DeadLetter) by the schema fingerprint it carries. Reads every partition by manual assignment, without a consumer " +
            "group, so it never disturbs the service or commits anything. Records it cannot decode are reported on stderr and skipped.")
        {
            bootstrap,
            topic,
            fromBeginning,
            count,
            format,
            kafkaProperty,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var servers = parse.GetValue(bootstrap)!;
            var name = parse.GetValue(topic)!;
            var problem = KafkaConnection.Check(servers, parse.GetValue(kafkaProperty)!, out var clients, out var metadata);
            var partitions = metadata?.Topics.SingleOrDefault(t => t.Topic == name && t.Error.Code == ErrorCode.NoError)?.Partitions;
            if (problem is null && (partitions is null || partitions.Count == 0))
            {
                var known = metadata!.Topics.Select(t => t.Topic).Where(t => !t.StartsWith("__", StringComparison.Ordinal)).Order();
                problem = $"--topic '{name}' does not exist on {servers}; topics there: {string.Join(", ", known)}";
            }
            if (problem is not null)
            {
                await error.WriteLineAsync(problem);
                return 1;
            }
            var start = parse.GetValue(fromBeginning) ? Offset.Beginning : Offset.End;
            var assignment = partitions!.Select(p => new TopicPartitionOffset(name, p.PartitionId, start)).ToList();
            return await Task.Run(() => Watch(clients!, assignment, parse.GetValue(count), parse.GetValue(format) == "table",
                parse.InvocationConfiguration.Output, error, ct), CancellationToken.None);
        });
        return command;
    }

    private static int Watch(KafkaClients clients, List<TopicPartitionOffset> assignment, int? count, bool table,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        // A group of its own that is never joined nor committed to: the watcher assigns the partitions itself.
        using var consumer = clients.CreateReader<Ignore, byte[]>($"streammetrics-watch-{Guid.NewGuid():N}");
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
