using System.CommandLine;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Commands;

/// <summary><c>streammetrics broker</c>: an embedded Kafka-protocol cluster other processes can use.</summary>
internal static class BrokerCommand
{
    public const int MaxBrokers = 32;

    public static Command Create()
    {
        var brokers = new Option<int>("--brokers")
        {
            Description = $"Number of brokers, 1-{MaxBrokers} (default 3); topics are replicated on up to 3 of them",
            DefaultValueFactory = _ => 3,
        };
        brokers.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > MaxBrokers)
                result.AddError($"--brokers = {value}, must be between 1 and {MaxBrokers}");
        });
        var bootstrapFile = new Option<FileInfo?>("--bootstrap-file")
        {
            Description = "Also write the bootstrap list (just HOST:PORT,HOST:PORT,..., no key, no newline) to this file, " +
                          "so scripts can say `-b $(cat FILE)`; the file is deleted when the broker stops",
        };
        var command = new Command("broker",
            "Start an embedded Kafka-protocol cluster (librdkafka's mock cluster) on 127.0.0.1 and keep it running until Ctrl-C or SIGTERM. " +
            "It creates the standard topics (events, deadletter, forecasts, scaling, forecaster-state, metrics.minimal|standard|debug) " +
            "and prints `bootstrap.servers=HOST:PORT,...` on one line. Any Kafka client in any process can use it. " +
            "Limits: it keeps about 5 MiB per partition (older records vanish), and has no CreateTopics API " +
            "(other topics are created automatically when first used).")
        {
            brokers,
            bootstrapFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var file = parse.GetValue(bootstrapFile);
            using var cluster = EmbeddedKafkaCluster.Start(parse.GetValue(brokers));
            var topics = StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null)));
            await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(topics, ct);

            await output.WriteLineAsync($"bootstrap.servers={cluster.BootstrapServers}");
            await output.WriteLineAsync($"topics: {string.Join(", ", topics.Select(t => $"{t.Name} ({t.Partitions})"))}");
            if (file is not null)
            {
                WriteAtomically(file, cluster.BootstrapServers);
                await output.WriteLineAsync($"bootstrap list written to {file.FullName}");
            }
            await output.WriteLineAsync("running; Ctrl-C or SIGTERM stops it");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: the normal way to stop.
            }
            if (file is not null)
                File.Delete(file.FullName);
            await output.WriteLineAsync("broker stopped");
            return 0;
        });
        return command;
    }

    /// <summary>Write-then-rename, so a script polling for the file never reads half a line.</summary>
    private static void WriteAtomically(FileInfo file, string text)
    {
        file.Directory?.Create();
        var temporary = file.FullName + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, file.FullName, overwrite: true);
    }
}
