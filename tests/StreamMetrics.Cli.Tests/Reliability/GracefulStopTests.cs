using System.Diagnostics;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Xunit.Abstractions;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// The service as it is deployed (<c>streammetrics-service run</c> in a process of its own) stopped by a signal in the
/// middle of a stream: it drains, commits every event it processed, and exits 0.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class GracefulStopTests(ITestOutputHelper output)
{
    private const int Events = 20_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_mid_stream_drains_commits_everything_processed_and_exits_0(string name)
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null))), CancellationToken.None);
        var group = $"graceful-{name}-{Guid.NewGuid():N}";
        using var service = Start(cluster.BootstrapServers, group);
        var stderr = new StringWriter();
        service.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.WriteLine(e.Data); };
        service.BeginErrorReadLine();
        service.BeginOutputReadLine();
        await Eventually.True(() => Text(stderr).Contains("running: consuming", StringComparison.Ordinal), () => $"the service did not start:\n{Text(stderr)}", Timeout);

        var clients = new KafkaClients(new KafkaClientSettings { BootstrapServers = cluster.BootstrapServers });
        using (var publisher = new RecordPublisher(clients))
        {
            var origin = DateTimeOffset.UtcNow;
            await Task.WhenAll(Enumerable.Range(0, Events).Select(i =>
            {
                var evt = new StreamEvent($"type-{i % 20}", $"k{i}", origin, null);
                return publisher.PublishAsync(StandardTopics.Events, evt.Type, AvroCodecs.Event.Encode(evt), CancellationToken.None);
            }));
        }
        // Mid-stream: the service has committed some events and is still working through the rest.
        await Eventually.True(() => CommittedRecords(cluster.BootstrapServers, group) > 0, () => $"nothing committed yet:\n{Text(stderr)}", Timeout);
        await SignalAsync(service.Id, name);
        await service.WaitForExitAsync().WaitAsync(Timeout);

        var log = Text(stderr);
        Assert.True(service.ExitCode == 0, $"exit code {service.ExitCode} after {name}:\n{log}");
        var processed = long.Parse(Stopped().Match(log) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no stopped line:\n{log}"));
        var committed = CommittedRecords(cluster.BootstrapServers, group);
        output.WriteLine($"SIG{name}: {Events} published, {processed} processed, {committed} committed");
        Assert.InRange(processed, 1, Events);
        Assert.Equal(processed, committed);
    }

    private static Process Start(string bootstrapServers, string group)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "streammetrics-service.dll"), "run", "-b", bootstrapServers, "--group", group, "--shutdown-timeout", "30s" })
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>The offsets the group committed, summed over the input partitions: the records it will never read again.</summary>
    private static long CommittedRecords(string bootstrapServers, string group)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(StandardTopics.Events, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(StandardTopics.Events, p.PartitionId)).ToList();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Where(c => c.Offset.Value >= 0).Sum(c => c.Offset.Value);
    }

    private static string Text(StringWriter writer)
    {
        lock (writer)
            return writer.ToString();
    }

    /// <summary>Sends SIG<paramref name="name"/> as an operator's <c>kill</c> (or Ctrl-C, for INT) would.</summary>
    private static async Task SignalAsync(int pid, string name)
    {
        using var kill = Process.Start("kill", ["-s", name, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    [GeneratedRegex(@"stopped: (\d+) events processed")]
    private static partial Regex Stopped();
}
