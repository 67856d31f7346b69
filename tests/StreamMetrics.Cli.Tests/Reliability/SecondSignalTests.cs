using System.Diagnostics;
using Confluent.Kafka;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using Xunit.Abstractions;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// A second Ctrl-C or SIGTERM while <c>run</c> drains ends the process at once, saying what it abandons, with the
/// shell's code for death by that signal; what it committed had all been processed.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class SecondSignalTests(ITestOutputHelper output)
{
    private const string Profile = "drain";
    private const string SlowType = "slow";
    private const int FastEvents = 2_000;
    private const int FastTypes = 8;

    /// <summary>An invocation of the slow type outlasts the test: a drain that waits for it cannot end in time.</summary>
    private const int SlowMilliseconds = 110_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>How soon the process must end after the second signal: far below the slow invocation's remaining time and the shutdown timeout.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(40);

    [SkippableTheory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_second_signal_during_the_drain_stops_at_once_with_the_signals_exit_code(string signal, int exitCode)
    {
        InheritedSignals.SkipIfIgnored(signal);
        using var cluster = await ServiceCluster.StartAsync(Profile, Enumerable.Range(0, FastTypes).Select(i => $"fast-{i}").Append(SlowType),
            new Dictionary<string, object>
            {
                ["*"] = new { function = "synthetic", durationMs = 1 },
                [SlowType] = new { function = "synthetic", durationMs = SlowMilliseconds },
            });
        var group = $"second-{signal}-{Guid.NewGuid():N}";
        using var service = ServiceProcess.Start("run", "-b", cluster.BootstrapServers, "--group", group, "--config", cluster.ConfigFile, "--shutdown-timeout", "2m");
        await service.WaitForErrorLineAsync("running: consuming", Timeout);
        var sent = await PublishAsync(cluster.BootstrapServers);
        using var offsets = new GroupOffsets(cluster.BootstrapServers, group, StandardTopics.Events);
        using var forecasts = new ForecastTail(cluster.BootstrapServers);
        // Mid-stream with work to drain: some events committed, and a slow invocation running.
        await Eventually.True(() => offsets.CommittedRecords() > 0 && forecasts.Executing(SlowType) > 0,
            () => $"no slow invocation running beside committed events:\n{service.Error}", Timeout);

        await service.SignalAsync(signal);
        await service.WaitForErrorLineAsync("stopping: draining", Timeout);
        var second = Stopwatch.StartNew();
        await service.SignalAsync(signal);
        var exit = await service.WaitForExitAsync(AtOnce);
        output.WriteLine($"SIG{signal} twice: exit code {exit} {second.Elapsed.TotalSeconds:0.0} s after the second signal");

        Assert.True(exit == exitCode, $"exit code {exit}:\n{service.Error}");
        var line = Assert.Single(service.Error.Split('\n'), l => l.Contains("stopped at once by a second", StringComparison.Ordinal));
        Assert.Contains("events not committed will be read again on the next start", line);
        Assert.DoesNotContain("stopped: ", service.Error); // the drain did not finish

        var processed = TopicContents.ReadAll(cluster.BootstrapServers, StandardTopics.MetricsTopic(Profile), Timeout)
            .Select(r => AvroCodecs.MetricSample.Decode(r.Message.Value).Source!).ToHashSet();
        var committed = offsets.Committed();
        var committedEvents = sent.Where(e => e.Offset.Value < committed.GetValueOrDefault(e.Partition.Value)).ToList();
        output.WriteLine($"{sent.Count} published, {processed.Count} processed, {committedEvents.Count} committed");
        Assert.InRange(committedEvents.Count, 1, processed.Count);
        Assert.All(committedEvents, e => Assert.Contains(new SourceIdentity(e.Topic, e.Partition.Value, e.Offset.Value), processed));
    }

    /// <summary>The slow events first, so that their invocations start while the fast ones stream past them.</summary>
    private static async Task<IReadOnlyList<TopicPartitionOffset>> PublishAsync(string bootstrapServers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();
        var origin = DateTimeOffset.UtcNow;
        var types = Enumerable.Repeat(SlowType, 2).Concat(Enumerable.Range(0, FastEvents).Select(i => $"fast-{i % FastTypes}"));
        var delivered = new List<TopicPartitionOffset>();
        foreach (var batch in types.Select((type, i) => new StreamEvent(type, $"k{i}", origin, null)).Chunk(500))
        {
            var results = await Task.WhenAll(batch.Select(evt =>
                producer.ProduceAsync(StandardTopics.Events, new Message<string, byte[]> { Key = evt.Type, Value = AvroCodecs.Event.Encode(evt) })));
            delivered.AddRange(results.Select(r => r.TopicPartitionOffset));
        }
        return delivered;
    }

    /// <summary>The forecasts topic read as it grows: each type's last reported executing instances.</summary>
    private sealed class ForecastTail(string bootstrapServers) : IDisposable
    {
        private readonly TopicTail _tail = new(bootstrapServers, StandardTopics.Forecasts);
        private readonly Dictionary<string, int> _executing = new(StringComparer.Ordinal);

        public int Executing(string type)
        {
            foreach (var value in _tail.ReadNew())
            {
                var record = AvroCodecs.Forecast.Decode(value);
                _executing[record.Forecast.EventType] = record.Status.Executing ?? 0;
            }
            return _executing.GetValueOrDefault(type);
        }

        public void Dispose() => _tail.Dispose();
    }
}
