using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>The per-event path's <see cref="WorkerPool.InvokeValueAsync(StreamEvent, MetricConfig, List{MetricSample}, CancellationToken)"/>: the kept samples go to the caller's list.</summary>
public sealed class WorkerPoolSampleListTests
{
    private static readonly MetricConfig Debug = new("checkout", BuiltInProfiles.Debug);
    private static readonly StreamEvent Event = new("checkout", "k", DateTimeOffset.UnixEpoch, null);

    private readonly WorkerPool _pool = new(
        new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 4, MaxParallelism = 4 },
        new FunctionCatalog(new NoopFunction()), new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task The_samples_go_to_the_given_list_which_is_cleared_first_and_are_the_invocations_samples()
    {
        var expected = (await _pool.InvokeAsync(Event, Debug, CancellationToken.None)).Samples.Select(s => s.Metric).ToList();
        Assert.NotEmpty(expected);
        var stale = new MetricSample("old", "debug", MetricNames.LatencyMs, 1, DateTimeOffset.UnixEpoch, "old-1");
        var list = new List<MetricSample> { stale };

        var invocation = await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None);

        Assert.Same(list, invocation.Samples);
        Assert.Equal(expected, list.Select(s => s.Metric));
        Assert.DoesNotContain(stale, list);
        Assert.All(list, s => Assert.Equal(("checkout", "debug"), (s.EventType, s.Profile)));
    }

    [Fact]
    public async Task Reusing_the_list_gives_each_invocation_only_its_own_samples()
    {
        var list = new List<MetricSample>();
        var first = (await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None)).Samples.Count;
        var second = (await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None)).Samples.Count;

        Assert.True(first > 0);
        Assert.Equal(first, second);
        Assert.Equal(first, list.Count);
    }

    [Fact]
    public async Task A_failed_invocation_leaves_none_of_its_samples_in_the_list_nor_for_the_next_invocation()
    {
        var function = new FailingOnce();
        var pool = new WorkerPool(
            new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 1, MaxParallelism = 1 },
            new FunctionCatalog(function), new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)));
        var list = new List<MetricSample>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None).AsTask());
        Assert.Empty(list);
        var next = await pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None);

        // The same, now warm, instance ran both: the second invocation's samples are its own, one of each pool metric
        // and one payload_bytes, not the failed one's payload_bytes as well.
        Assert.Equal(1, pool.Statistics().Instances);
        Assert.Same(list, next.Samples);
        Assert.Equal(1, list.Count(s => s.Metric == MetricNames.PayloadBytes && s.Value == 2));
        Assert.DoesNotContain(list, s => s.Metric == MetricNames.PayloadBytes && s.Value == 1);
        Assert.Equal(1, list.Count(s => s.Metric == MetricNames.LatencyMs));
    }

    /// <summary>Records payload_bytes with its call's number, and throws on its first call.</summary>
    private sealed class FailingOnce : IFunction
    {
        private int _calls;

        public string Name => "failing-once";

        public ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct)
        {
            metrics.Record(MetricNames.PayloadBytes, ++_calls);
            return _calls == 1 ? throw new InvalidOperationException("boom") : ValueTask.FromResult(FunctionResult.Empty);
        }
    }

    [Fact]
    public async Task An_invocation_given_its_arrival_runs_from_it_and_its_start_samples_carry_its_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var pool = new WorkerPool(
            new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 1, MaxParallelism = 1 }, new FunctionCatalog(new NoopFunction()), time);
        await pool.InvokeAsync(Event, Debug, CancellationToken.None);
        var list = new List<MetricSample>();

        var arrived = pool.Clock.Read();
        time.Advance(TimeSpan.FromMilliseconds(5));
        var invocation = await pool.InvokeValueAsync(Event, Debug, list, arrived, CancellationToken.None);

        // A warm instance took it at its arrival, 5 ms before the pool was called, so it ran, and waited for nothing, from then.
        Assert.Equal((TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.Zero), (invocation.Latency, invocation.Execution, invocation.QueueWait));
        var stamps = list.ToDictionary(s => s.Metric, s => s.Timestamp);
        Assert.Equal(arrived.UtcNow, stamps[MetricNames.QueueWaitMs]);
        Assert.Equal(arrived.UtcNow, stamps[MetricNames.ColdStart]);
        Assert.Equal(time.GetUtcNow(), stamps[MetricNames.LatencyMs]);
        Assert.Equal(5, list.Single(s => s.Metric == MetricNames.LatencyMs).Value);
    }
}
