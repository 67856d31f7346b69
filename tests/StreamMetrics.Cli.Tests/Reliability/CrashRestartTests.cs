using System.Text.RegularExpressions;
using Confluent.Kafka;
using Xunit.Abstractions;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>streammetrics-service run</c> killed with SIGKILL mid-stream and started again in the same group: no event is
/// lost, the events it repeats are only those processed but not yet committed, a consumer of the metric topics finds
/// every repeat by its source identity, and each type's forecaster continues from the state checkpointed before the
/// crash.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class CrashRestartTests(ITestOutputHelper output)
{
    private const int Events = 12_000;
    private const int Types = 12;
    private const int Batch = 600;
    private const string Profile = "crash";
    private static readonly string MetricsTopic = $"metrics.{Profile}";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_run_killed_mid_stream_and_restarted_loses_nothing_and_repeats_only_uncommitted_events(int seed)
    {
        // The seed picks how many committed events the kill waits for: somewhere in the first half of the stream.
        var killAfter = new Random(seed).Next(Events / 6, Events / 2);
        using var cluster = await ServiceCluster.StartAsync(Profile, Enumerable.Range(0, Types).Select(i => $"type-{i}"),
            // A synthetic cost of 2 ms on 4 workers keeps the stream long enough to be killed in its middle.
            new Dictionary<string, object> { ["*"] = new { function = "synthetic", durationMs = 2 } },
            new { maxParallelism = 4, initialParallelism = 4 });
        var group = $"crash-{seed}-{Guid.NewGuid():N}";
        var bucket = ForecastBuckets.ClearOfBoundary(TimeProvider.System.GetUtcNow(), Timeout * 3);
        string[] run =
        [
            "run", "-b", cluster.BootstrapServers, "--group", group, "--config", cluster.ConfigFile,
            "--bucket", $"{bucket.TotalSeconds:0}s", "--state-checkpoint-interval", "1s",
        ];
        using var offsets = new GroupOffsets(cluster.BootstrapServers, group, StandardTopics.Events);
        using var events = new EventFeed(cluster.BootstrapServers, Types);
        using var metrics = new TopicTail(cluster.BootstrapServers, MetricsTopic);

        using (var first = ServiceProcess.Start(run))
        {
            // Fed a batch at a time, at most two batches ahead of the commits, so that every type is partly
            // processed when the kill comes and partly after the restart.
            while (offsets.CommittedRecords() < killAfter)
            {
                var published = events.Sent.Count;
                await Eventually.True(() => offsets.CommittedRecords() >= published - Batch, () => $"the service fell behind:\n{first.Error}", Timeout);
                await events.PublishAsync(Batch);
            }
            // The kill lands while the service has processed events it has not committed yet.
            await events.PublishAsync(2 * Batch);
            var processed = 0L;
            await Eventually.True(() => (processed += metrics.ReadNew().Count) > offsets.CommittedRecords(),
                () => $"no event processed beyond the commits:\n{first.Error}", Timeout);
            await first.KillAsync();
            Assert.Equal(128 + 9, await first.WaitForExitAsync(Timeout));
        }
        var killedAt = DateTimeOffset.UtcNow;
        var committedAtKill = offsets.Committed();
        var checkpointed = ForecasterStates(cluster.BootstrapServers);
        await events.PublishAsync(Events - events.Sent.Count);
        var sent = events.Sent;

        using var second = ServiceProcess.Start(run);
        await Eventually.True(() => offsets.CommittedRecords() == Events, () => $"not every event committed after the restart:\n{second.Error}", Timeout);
        await second.SignalAsync("TERM");
        Assert.True(await second.WaitForExitAsync(Timeout) == 0, second.Error);
        var processedAfterRestart = ProcessedCount(second.Error);
        var resumed = ForecasterStates(cluster.BootstrapServers);

        var samples = TopicContents.ReadAll(cluster.BootstrapServers, MetricsTopic, Timeout)
            .Select(r => AvroCodecs.MetricSample.Decode(r.Message.Value)).ToList();
        var count = Count(samples, sent, committedAtKill, killedAt, processedAfterRestart);
        output.WriteLine($"seed {seed}: kill after {killAfter} committed; {count}");

        // Nothing lost: every event published has its metric record.
        Assert.Equal(0, count.Lost);
        // The restart read exactly what was not committed, once.
        Assert.Equal(Events - committedAtKill.Values.Sum(), processedAfterRestart);
        Assert.Equal(processedAfterRestart, count.SamplesAfterRestart);
        // The repeats are exactly the records sharing a source identity, and they are events the first run
        // processed but had not committed.
        Assert.Equal(count.ProcessedTwice, count.DuplicatedSources);
        Assert.All(count.Duplicated, source => Assert.True(source.Offset >= committedAtKill.GetValueOrDefault(source.Partition),
            $"{source} was committed before the kill, yet processed again"));
        Assert.True(count.ProcessedTwice > 0, $"the kill came when every processed event was committed; nothing was repeated: {count}");

        AssertForecastersResumed(checkpointed, resumed, sent, committedAtKill);
    }

    /// <summary>
    /// The state each type's forecaster had at the end of the second run is the state checkpointed before the crash plus
    /// the events the second run counted: the same bucket, its arrivals continued, not started again from zero.
    /// </summary>
    private void AssertForecastersResumed(
        IReadOnlyDictionary<string, byte[]> checkpointed, IReadOnlyDictionary<string, byte[]> resumed,
        IReadOnlyDictionary<TopicPartitionOffset, string> sent, IReadOnlyDictionary<int, long> committedAtKill)
    {
        Assert.Equal(Types, resumed.Count);
        var continued = 0;
        foreach (var (type, after) in resumed)
        {
            var redelivered = sent.Count(e => e.Value == type && e.Key.Offset.Value >= committedAtKill.GetValueOrDefault(e.Key.Partition.Value));
            var end = ForecasterState.ReadHeader(after);
            var start = checkpointed.TryGetValue(type, out var before) ? ForecasterState.ReadHeader(before) : (Bucket: end.Bucket, Arrivals: 0L, Model: end.Model);
            output.WriteLine($"  {type}: checkpointed {start.Arrivals} arrivals, {redelivered} read after the restart, {end.Arrivals} at the end");
            Assert.Equal(start.Bucket, end.Bucket);
            Assert.Equal(start.Arrivals + redelivered, end.Arrivals);
            if (start.Arrivals > 0 && redelivered > 0)
                continued++;
        }
        // A type counted on both sides of the crash is where a cold start (end = what the second run read) and a
        // resumed one differ.
        Assert.True(continued > 0, "no type was checkpointed before the kill and read again after it");
    }

    private static CrashCount Count(
        IReadOnlyList<MetricSample> samples, IReadOnlyDictionary<TopicPartitionOffset, string> sent, IReadOnlyDictionary<int, long> committedAtKill,
        DateTimeOffset killedAt, long processedAfterRestart)
    {
        Assert.All(samples, s => Assert.Equal(StandardTopics.Events, s.Source?.Topic));
        Assert.Equal(Events, sent.Count);
        var bySource = samples.GroupBy(s => (s.Source!, s.Metric)).ToList();
        Assert.All(bySource, g => Assert.InRange(g.Count(), 1, 2));
        var seen = samples.Select(s => s.Source!).ToHashSet();
        var lost = sent.Keys.Count(e => !seen.Contains(new SourceIdentity(e.Topic, e.Partition.Value, e.Offset.Value)));
        var beforeKill = samples.Count(s => s.Timestamp < killedAt);
        return new CrashCount(
            Events,
            samples.Count,
            beforeKill,
            samples.Count - beforeKill,
            committedAtKill.Values.Sum(),
            beforeKill + processedAfterRestart - Events,
            bySource.Where(g => g.Count() > 1).Select(g => g.Key.Item1).ToList(),
            lost);
    }

    private static IReadOnlyDictionary<string, byte[]> ForecasterStates(string bootstrapServers)
    {
        var clients = new KafkaClients(new KafkaClientSettings { BootstrapServers = bootstrapServers });
        using var reader = new CompactedTopicReader(clients, $"state-reader-{Guid.NewGuid():N}");
        var partitions = TopicContents.Partitions(bootstrapServers, StandardTopics.ForecasterState);
        return reader.ReadLatest(partitions, Timeout);
    }

    private static long ProcessedCount(string log) =>
        long.Parse(Stopped().Match(log) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no stopped line:\n{log}"));

    [GeneratedRegex(@"stopped: (\d+) events processed")]
    private static partial Regex Stopped();

    private sealed record CrashCount(
        long EventsIn, long Samples, long SamplesBeforeKill, long SamplesAfterRestart, long CommittedAtKill, long ProcessedTwice,
        IReadOnlyList<SourceIdentity> Duplicated, long Lost)
    {
        public int DuplicatedSources => Duplicated.Count;

        public override string ToString() =>
            $"events in {EventsIn}, processed {Samples} ({SamplesBeforeKill} before the kill, {SamplesAfterRestart} after the restart), " +
            $"committed at the kill {CommittedAtKill}, processed twice {ProcessedTwice}, duplicated sources {DuplicatedSources}, lost {Lost}";
    }
}
