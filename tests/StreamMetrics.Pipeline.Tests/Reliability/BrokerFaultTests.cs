using System.Diagnostics;
using Confluent.Kafka;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.State;
using StreamMetrics.Pipeline.Tests.EndToEnd;
using Xunit.Abstractions;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// Broker faults in the middle of a run of 100,000 events: a leader down and back, request errors on Produce and Fetch,
/// a slow cluster. Every event is processed exactly once (no crash, so no redelivery either), and every metric record
/// the sampling rules imply exists exactly once, counted per source identity on the metrics topic.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BrokerFaultTests(ITestOutputHelper output)
{
    private const string Profile = "faults";
    private const string HotType = "hot";
    private const int Events = 100_000;
    private const int HotEvents = 24_000;
    private const int OtherTypes = 19;

    /// <summary>The run is started with half the events; the fault begins once this many are processed, while the rest arrive.</summary>
    private const int ProcessedBeforeFault = 10_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// One busy type and 19 others (4,000 events each). Each type's records go to one partition of the input and of the
    /// metrics topic, so the hot type's partitions are the busiest; no partition comes near the embedded cluster's 5 MiB.
    /// </summary>
    private static readonly Dictionary<string, int> EventsPerType = new[] { (HotType, HotEvents) }
        .Concat(Enumerable.Range(1, OtherTypes).Select(i => ($"type-{i:00}", (Events - HotEvents) / OtherTypes)))
        .ToDictionary(t => t.Item1, t => t.Item2);

    private static readonly string Config = ReliabilityWorkload.Config(
        Profile, EventsPerType.Keys, """{ "*": { "function": "noop" } }""", """{ "coldStart": "20ms" }""");

    [Fact]
    public Task The_leader_of_the_busiest_partitions_down_for_2_s_loses_and_repeats_nothing() =>
        RunAsync("leader down 2 s", (harness, cluster) =>
        {
            var leader = LeaderOf(harness.BootstrapServers, harness.Options.InputTopic, KeyPartitioner.PartitionOf(HotType, StandardTopics.EventPartitions));
            // The hot type's metric records go down with it too.
            cluster.SetPartitionLeader(StandardTopics.MetricsTopic(Profile), KeyPartitioner.PartitionOf(HotType, StandardTopics.MetricPartitions), leader);
            cluster.SetBrokerDown(leader);
            return Task.FromResult<Func<Task>>(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // the fault's length, not a wait for a condition
                cluster.SetBrokerUp(leader);
            });
        });

    [Fact]
    public Task Not_leader_and_request_timed_out_on_produce_and_fetch_lose_and_repeat_nothing() =>
        RunAsync("NOT_LEADER_OR_FOLLOWER + REQUEST_TIMED_OUT on Produce and Fetch", (harness, cluster) =>
        {
            // Each wave is served (one error per request) before the next is pushed, so every error reaches a client.
            ErrorCode[] wave = [.. Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? ErrorCode.NotLeaderForPartition : ErrorCode.RequestTimedOut)];
            cluster.StartRequestTracking();
            return Task.FromResult<Func<Task>>(async () =>
            {
                try
                {
                    for (var round = 0; round < 3; round++)
                    {
                        foreach (var api in new[] { KafkaApiKey.Produce, KafkaApiKey.Fetch })
                        {
                            var before = cluster.CountRequests(api);
                            cluster.PushRequestErrors(api, wave);
                            await Eventually.True(() => cluster.CountRequests(api) >= before + wave.Length,
                                () => $"{cluster.CountRequests(api) - before} of {wave.Length} {api} errors served", RunTimeout);
                        }
                    }
                }
                finally
                {
                    cluster.StopRequestTracking();
                }
            });
        });

    [Fact]
    public Task Every_broker_answering_500_ms_late_for_5_s_loses_and_repeats_nothing() =>
        RunAsync("RTT 500 ms for 5 s", (_, cluster) =>
        {
            var brokers = Enumerable.Range(1, cluster.Brokers).ToList();
            brokers.ForEach(b => cluster.SetBrokerRtt(b, TimeSpan.FromMilliseconds(500)));
            return Task.FromResult<Func<Task>>(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5)); // the fault's length, not a wait for a condition
                brokers.ForEach(b => cluster.SetBrokerRtt(b, TimeSpan.Zero));
            });
        });

    /// <summary>
    /// Produces half the events, starts the fault once <see cref="ProcessedBeforeFault"/> are processed, produces the other
    /// half while it lasts, ends it, waits for every event, stops the service and counts what the topics hold.
    /// </summary>
    /// <param name="scenario">The scenario's name in the summary line.</param>
    /// <param name="startFault">Starts the fault and returns what ends it.</param>
    private async Task RunAsync(string scenario, Func<PipelineHarness, EmbeddedKafkaCluster, Task<Func<Task>>> startFault)
    {
        var events = ReliabilityWorkload.Interleaved(EventsPerType);
        await using var harness = await PipelineHarness.StartAsync(Config);
        var cluster = harness.Cluster!;

        await harness.ProduceAsync(events.Take(Events / 2));
        await harness.WaitForProcessedAsync(ProcessedBeforeFault, RunTimeout);
        var endFault = await startFault(harness, cluster);
        var secondHalf = harness.ProduceAsync(events.Skip(Events / 2));
        await endFault();
        var settling = Stopwatch.StartNew();
        await secondHalf;
        await harness.WaitForProcessedAsync(Events, RunTimeout);
        var settled = settling.Elapsed;
        await harness.Service.StopAsync();

        var counters = harness.Service.Components.Counters;
        var ledger = DeliveryLedger.Read(harness, Profile, EventsPerType);
        var summary = ledger.Summary(scenario, counters.EventsProcessed, counters.DeadLettered, harness.Service.LostMessages, TestHostPeakMemory(), settled);
        output.WriteLine(summary);

        Assert.True(ledger.EventsIn == Events && ledger.DistinctEventKeys == Events, $"input: {ledger.EventsIn} records, {ledger.DistinctEventKeys} distinct events; {summary}");
        Assert.True(counters.EventsProcessed == Events, summary);
        Assert.True(ledger.Duplicates == 0 && ledger.Missing == 0, summary);
        Assert.True(counters.DeadLettered == 0 && harness.Service.LostMessages == 0, summary);
        Assert.True(ledger.Problems.Count == 0, string.Join("; ", ledger.Problems));
        foreach (var (partition, committed, end) in TopicReader.CommittedVsEnd(harness.BootstrapServers, harness.Options.InputTopic, harness.Options.Group))
            Assert.True(Math.Max(committed, 0) == end, $"{partition}: committed {committed}, end {end}");
    }

    private static int LeaderOf(string bootstrapServers, string topic, int partition)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
    }

    /// <summary>The test host's peak resident memory (VmHWM): this run's, and that of the tests before it in the same process.</summary>
    private static string TestHostPeakMemory() => $"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB (test host)";
}
