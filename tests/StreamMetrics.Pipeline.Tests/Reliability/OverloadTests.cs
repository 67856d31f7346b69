using System.Diagnostics;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Tests.EndToEnd;
using Xunit.Abstractions;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// More input than the service can finish, from two sides: a worker pool ten times slower than the producer, and a
/// metrics topic whose leader answers 500 ms late. Either way the events in flight stay under the service's fixed cap,
/// the rest waits in Kafka as lag, and the lag drains to 0 with every event processed once.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class OverloadTests(ITestOutputHelper output)
{
    private const string Profile = "overload";

    /// <summary>More than the in-flight cap (22,296 by default), so the cap is what holds intake back.</summary>
    private const int Events = 32_000;

    /// <summary>16 instances running 10 ms each: the pool finishes at most 1,600 events a second.</summary>
    private const int PoolParallelism = 16;
    private const int FunctionMilliseconds = 10;
    private const int PoolEventsPerSecond = PoolParallelism * 1000 / FunctionMilliseconds;

    /// <summary>Fewer than <see cref="Events"/>, as a metrics topic this slow drains at a few hundred events a second, but still over the cap.</summary>
    private const int SlowMetricsEvents = 24_000;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(4);

    private static Dictionary<string, int> EventsPerType(int events) => Enumerable.Range(1, 20).ToDictionary(i => $"type-{i:00}", _ => events / 20);

    /// <summary>The consumer's share of the cap: a full channel and as many held back.</summary>
    private static readonly int ConsumerHeld = 2 * new EventConsumerOptions().ChannelCapacity;

    [Fact]
    public async Task A_producer_10x_faster_than_the_pool_fills_the_in_flight_cap_never_more_and_the_lag_drains_to_0()
    {
        var eventsPerType = EventsPerType(Events);
        var config = ReliabilityWorkload.Config(Profile, eventsPerType.Keys,
            $$"""{ "*": { "function": "synthetic", "durationMs": {{FunctionMilliseconds}} } }""",
            $$"""{ "coldStart": "20ms", "maxParallelism": {{PoolParallelism}}, "initialParallelism": {{PoolParallelism}} }""");
        await using var harness = await PipelineHarness.StartAsync(config);
        var probe = BackpressureProbe.Start(harness.Service);

        var producing = Stopwatch.StartNew();
        await ProducePacedAsync(harness, ReliabilityWorkload.Interleaved(eventsPerType), 10 * PoolEventsPerSecond);
        var rate = Events / producing.Elapsed.TotalSeconds;
        await DrainAndCheckAsync(harness, probe, eventsPerType, $"pool-bound overload (produced at {rate:0} events/s, the pool finishes at most {PoolEventsPerSecond}/s)");
    }

    [Fact]
    public async Task A_metrics_topic_answering_500_ms_late_slows_intake_instead_of_buffering_without_limit()
    {
        const int slowBroker = 3;
        var eventsPerType = EventsPerType(SlowMetricsEvents);
        var config = ReliabilityWorkload.Config(Profile, eventsPerType.Keys, """{ "*": { "function": "noop" } }""", """{ "coldStart": "20ms" }""");
        await using var harness = await PipelineHarness.StartAsync(config);
        var cluster = harness.Cluster!;
        // The metrics topic alone is slow: its partitions led by the slow broker, the input's by the others.
        for (var partition = 0; partition < StandardTopics.MetricPartitions; partition++)
            cluster.SetPartitionLeader(StandardTopics.MetricsTopic(Profile), partition, slowBroker);
        for (var partition = 0; partition < StandardTopics.EventPartitions; partition++)
            cluster.SetPartitionLeader(harness.Options.InputTopic, partition, 1 + partition % 2);
        cluster.SetBrokerRtt(slowBroker, TimeSpan.FromMilliseconds(500));

        var probe = BackpressureProbe.Start(harness.Service);
        await harness.ProduceAsync(ReliabilityWorkload.Interleaved(eventsPerType));
        await DrainAndCheckAsync(harness, probe, eventsPerType, "metrics topic leader 500 ms late");
    }

    /// <summary>
    /// Waits for every event and a lag of 0, stops the service, and checks the cap, the lag and the ledger. Whatever the
    /// consumer could not take in while the cap was reached was lag when production ended.
    /// </summary>
    private async Task DrainAndCheckAsync(PipelineHarness harness, BackpressureProbe probe, Dictionary<string, int> eventsPerType, string scenario)
    {
        var events = eventsPerType.Values.Sum();
        var service = harness.Service;
        var counters = service.Components.Counters;
        var finishedWhenProduced = counters.EventsProcessed;
        var settling = Stopwatch.StartNew();
        await harness.WaitForProcessedAsync(events, DrainTimeout);
        await Eventually.True(() => BackpressureProbe.Lag(service) == 0, () => $"lag {BackpressureProbe.Lag(service)}", DrainTimeout);
        var settled = settling.Elapsed;
        await probe.DisposeAsync();
        await service.StopAsync();

        var ledger = DeliveryLedger.Read(harness, Profile, eventsPerType);
        var summary = ledger.Summary(scenario, counters.EventsProcessed, counters.DeadLettered, service.LostMessages,
            $"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB (test host)", settled);
        output.WriteLine($"{summary}; in flight at most {probe.PeakInFlight} (cap {service.MaxEventsInFlight}), lag at most {probe.PeakLag}");

        Assert.True(probe.PeakInFlight <= service.MaxEventsInFlight, $"{probe.PeakInFlight} events in flight, over the cap {service.MaxEventsInFlight}");
        Assert.True(probe.PeakInFlight >= ConsumerHeld, $"{probe.PeakInFlight} events in flight at most: the overload never filled the consumer ({ConsumerHeld})");
        var keptInKafka = events - service.MaxEventsInFlight - finishedWhenProduced;
        // A paused consumer's partition ends are up to PausedEndStaleness old, and the pool finishes events meanwhile,
        // so the gauge may show the backlog short by what the pool finishes in that time.
        var finishedWhileStale = (long)(PoolEventsPerSecond * EventConsumer.PausedEndStaleness.TotalSeconds);
        Assert.True(probe.PeakLag >= keptInKafka - finishedWhileStale,
            $"lag at most {probe.PeakLag}, but the cap kept at least {keptInKafka} records in Kafka (less {finishedWhileStale} the pool may finish while the ends it knows are stale)");
        Assert.True(ledger.EventsIn == events && ledger.DistinctEventKeys == events, summary);
        Assert.True(counters.EventsProcessed == events && ledger.Duplicates == 0 && ledger.Missing == 0, summary);
        Assert.True(counters.DeadLettered == 0 && service.LostMessages == 0, summary);
        Assert.True(ledger.Problems.Count == 0, string.Join("; ", ledger.Problems));
        foreach (var (partition, committed, end) in TopicReader.CommittedVsEnd(harness.BootstrapServers, harness.Options.InputTopic, harness.Options.Group))
            Assert.True(Math.Max(committed, 0) == end, $"{partition}: committed {committed}, end {end}");
    }

    /// <summary>Publishes <paramref name="events"/> at <paramref name="perSecond"/>, a twentieth of a second's worth at a time.</summary>
    private static async Task ProducePacedAsync(PipelineHarness harness, IReadOnlyList<StreamEvent> events, int perSecond)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var sends = new List<Task>();
        foreach (var chunk in events.Chunk(perSecond / 20))
        {
            sends.Add(harness.ProduceAsync(chunk));
            await pace.WaitForNextTickAsync();
        }
        await Task.WhenAll(sends);
    }
}
