using System.Diagnostics;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using Xunit.Abstractions;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// The deployed service (<c>streammetrics-service run</c>, its own process) under a producer more than ten times faster
/// than its worker pool: its peak resident memory, read from <c>/proc/PID/status</c>, stays under the bound README
/// documents, its lag grows and drains to 0, and it processes every event once.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class OverloadMemoryTests(ITestOutputHelper output)
{
    /// <summary>The bound README's operations section documents for a service with the default settings.</summary>
    private const long PeakResidentBoundMiB = 400;

    /// <summary>Over the in-flight cap (22,296 by default), so the cap, not the input's size, decides what is held.</summary>
    private const int Events = 32_000;
    private const int PayloadBytes = 512;
    private const int Types = 20;

    /// <summary>16 instances running 10 ms each: the pool finishes at most 1,600 events a second.</summary>
    private const int PoolEventsPerSecond = 1_600;
    private const string Config = """
        {
          "functions": { "*": { "function": "synthetic", "durationMs": 10 } },
          "pool": { "coldStart": "20ms", "maxParallelism": 16, "initialParallelism": 16 }
        }
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Under_a_producer_10x_faster_than_its_pool_the_service_stays_under_its_memory_bound_and_processes_every_event_once()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null))), CancellationToken.None);
        var group = $"overload-{Guid.NewGuid():N}";
        var configFile = Path.Combine(Path.GetTempPath(), $"{group}.json");
        await File.WriteAllTextAsync(configFile, Config);
        try
        {
            using var service = ServiceProcess.Start("run", "-b", cluster.BootstrapServers, "--group", group, "--config", configFile, "--shutdown-timeout", "30s");
            await service.WaitForErrorLineAsync("running: consuming", Timeout);

            var producing = Stopwatch.StartNew();
            await ProduceAsync(cluster.BootstrapServers);
            var rate = Events / producing.Elapsed.TotalSeconds;
            using var lag = new GroupLag(cluster.BootstrapServers, group);
            var settling = Stopwatch.StartNew();
            await Eventually.True(() => lag.Records() == 0, () => $"lag {lag.Peak} at most, {lag.Last} now:\n{service.Error}", Timeout);
            var settled = settling.Elapsed;
            var peak = service.PeakResidentMiB();
            await service.SignalAsync("TERM");
            var exitCode = await service.WaitForExitAsync(Timeout);

            var log = service.Error;
            var stopped = Stopped().Match(log);
            Assert.True(exitCode == 0 && stopped.Success, $"exit code {exitCode}:\n{log}");
            var processed = long.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var deadLettered = long.Parse(stopped.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var lost = log.Contains("DATA LOST", StringComparison.Ordinal) ? "some (see log)" : "0";
            output.WriteLine($"overload, service process (produced at {rate:0} events/s, the pool finishes at most {PoolEventsPerSecond}/s): " +
                             $"events in {Events}, processed {processed}, duplicates {processed - Events}, dead-lettered {deadLettered}, lost {lost}, " +
                             $"peak memory {peak} MiB (VmHWM, bound {PeakResidentBoundMiB}), time to settle {settled.TotalSeconds:0.0} s; group lag at most {lag.Peak}");

            Assert.True(peak < PeakResidentBoundMiB, $"peak resident memory {peak} MiB, over the documented {PeakResidentBoundMiB} MiB");
            Assert.True(lag.Peak >= Events / 2, $"group lag at most {lag.Peak}: the overload did not build up");
            Assert.Equal(Events, processed);
            Assert.Equal(0, deadLettered);
            Assert.Equal("0", lost);
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    /// <summary>Every event at once, 512 payload bytes each, over 20 types.</summary>
    private static async Task ProduceAsync(string bootstrapServers)
    {
        using var publisher = new RecordPublisher(new KafkaClients(new KafkaClientSettings { BootstrapServers = bootstrapServers }));
        var payload = $$"""{"pad":"{{new string('x', PayloadBytes - 10)}}"}""";
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, Events).Select(i =>
        {
            var evt = new StreamEvent($"type-{i % Types:00}", $"k{i}", now, payload);
            return publisher.PublishAsync(StandardTopics.Events, evt.Type, AvroCodecs.Event.Encode(evt), CancellationToken.None);
        }));
    }

    [GeneratedRegex(@"stopped: (\d+) events processed, (\d+) dead-lettered")]
    private static partial Regex Stopped();

    /// <summary>The group's lag on the input topic as operators' tools see it: log end minus committed offset, summed.</summary>
    private sealed class GroupLag : IDisposable
    {
        /// <summary>A look costs a request per partition: the condition is checked more often than this, the cluster asked no more.</summary>
        private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(250);
        private readonly Stopwatch _sinceLook = new();
        private readonly IConsumer<Ignore, Ignore> _consumer;
        private readonly List<TopicPartition> _partitions;

        public GroupLag(string bootstrapServers, string group)
        {
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
            {
                _partitions = [.. admin.GetMetadata(StandardTopics.Events, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
                    .Select(p => new TopicPartition(StandardTopics.Events, p.PartitionId))];
            }
            _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        }

        public long Peak { get; private set; }

        public long Last { get; private set; } = -1;

        public long Records()
        {
            if (_sinceLook.IsRunning && _sinceLook.Elapsed < LookEvery)
                return Last;
            _sinceLook.Restart();
            var committed = _consumer.Committed(_partitions, TimeSpan.FromSeconds(10));
            Last = committed.Sum(c => _consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value - Math.Max(c.Offset.Value, 0));
            Peak = Math.Max(Peak, Last);
            return Last;
        }

        public void Dispose() => _consumer.Dispose();
    }
}
