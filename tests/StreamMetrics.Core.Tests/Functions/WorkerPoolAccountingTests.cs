using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>The per-type figures the pool keeps for the simulator's report, pinned on hand-made sequences on a fake clock.</summary>
public sealed class WorkerPoolAccountingTests
{
    private const double Precision = 9;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly MetricConfig Checkout = new("checkout", BuiltInProfiles.Standard);
    private static readonly StreamEvent Event = new("checkout", "k", DateTimeOffset.UnixEpoch, null);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
    private readonly BlockingFunction _blocking = new();

    private WorkerPool Pool(TimeSpan coldStart, int parallelism = 8, bool waitForBusy = false, IFunction? function = null) =>
        new(new WorkerPoolOptions
            {
                ColdStart = coldStart, KeepAlive = TimeSpan.FromSeconds(5), InitialParallelism = parallelism, MaxParallelism = parallelism,
                WaitForBusy = waitForBusy,
            },
            new FunctionCatalog(function ?? _blocking), _time);

    private Task<Invocation> Invoke(WorkerPool pool, CancellationToken ct = default) => pool.InvokeAsync(Event, Checkout, ct);

    [Fact]
    public async Task After_its_configs_instances_all_retire_a_type_claims_the_instance_started_since()
    {
        var pool = Pool(TimeSpan.Zero, parallelism: 1, function: new NoopFunction());
        var first = await Invoke(pool);
        Assert.Equal(first.InstanceId, (await Invoke(pool)).InstanceId);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, pool.RetireIdle());

        var restarted = await Invoke(pool);
        var warm = await Invoke(pool);

        // The retired instance's config was let go: the type's next invocation started another, and the one after ran on it.
        Assert.Equal(restarted.InstanceId, warm.InstanceId);
        Assert.Equal((2L, 1), (pool.Statistics().ColdStarts, pool.Statistics().Instances));
    }

    [Fact]
    public async Task A_pre_warmed_instance_alive_10_s_then_retired_counts_10_instance_seconds()
    {
        var pool = Pool(TimeSpan.FromMilliseconds(250), function: new NoopFunction());
        await RunUntilRetired(pool, TimeSpan.FromMilliseconds(250));
        var before = pool.Statistics();
        Assert.Equal(1, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 1, "the pre-warmed instance is ready");
        _time.Advance(TimeSpan.FromMilliseconds(3750));

        // Statistics integrates up to the moment it is called, and asking again at the same moment adds nothing.
        Assert.Equal(4, pool.Statistics().InstanceSeconds - before.InstanceSeconds, Precision);
        Assert.Equal(4, pool.Statistics().InstanceSeconds - before.InstanceSeconds, Precision);

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, pool.RetireIdle());
        _time.Advance(TimeSpan.FromSeconds(5));
        var stats = pool.Statistics();
        var type = stats.Types["checkout"];
        // Neither an arrival nor an on-demand start: those are the first invocation's.
        Assert.Equivalent(new { Instances = 0, ColdStarts = 2L, OnDemandStarts = 1L, Arrivals = 1L }, type);
        Assert.Equal(10, type.InstanceSeconds - before.InstanceSeconds, Precision);
        Assert.Equal(10, type.IdleInstanceSeconds - before.IdleInstanceSeconds, Precision);
        Assert.Equal(0, type.ExecutionSeconds);
    }

    [Fact]
    public async Task An_invocation_that_starts_its_own_instance_counts_an_on_demand_start_and_a_wait_of_zero()
    {
        var pool = Pool(TimeSpan.FromSeconds(1));
        var run = Invoke(pool);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => _blocking.Running == 1, "the invocation runs after its cold start");
        _time.Advance(TimeSpan.FromSeconds(2));
        _blocking.Release(1);
        Assert.True((await run.WaitAsync(Timeout)).ColdStart);
        _time.Advance(TimeSpan.FromSeconds(1));

        var stats = pool.Statistics();
        var type = stats.Types["checkout"];
        Assert.Equivalent(new { Arrivals = 1L, OnDemandStarts = 1L, ColdStarts = 1L, Invocations = 1L }, type);
        // The 1 s cold start is a cold start, not queueing.
        Assert.Equal(new WaitSummary(1, 0, 0, 0), stats.Waits);
        // Alive 4 s (1 starting, 2 executing, 1 idle); in flight from arrival through the cold start to the end of its run.
        Assert.Equivalent(new { InstanceSeconds = 4.0, ExecutionSeconds = 2.0, IdleInstanceSeconds = 2.0, InFlightSeconds = 3.0 }, type);
        Assert.Equivalent(new { OnDemandStarts = 1L, InstanceSeconds = 4.0, ExecutionSeconds = 2.0, InFlightSeconds = 3.0 }, stats);
    }

    [Fact]
    public async Task An_invocation_that_takes_a_pre_warmed_instance_still_starting_waits_the_rest_of_its_start()
    {
        var pool = Pool(TimeSpan.FromSeconds(1), function: new NoopFunction());
        await RunUntilRetired(pool, TimeSpan.FromSeconds(1));
        var before = pool.Statistics();
        Assert.Equal(1, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromMilliseconds(400));
        var run = Invoke(pool);
        Assert.Equal(1, pool.Statistics().Starting);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        await run.WaitAsync(Timeout);

        var stats = pool.Statistics();
        var type = stats.Types["checkout"];
        Assert.Equal((2L, 1L, 2L), (type.Arrivals, type.OnDemandStarts, type.ColdStarts));
        // The first invocation's own cold start was no wait; this one's 600 ms for the rest of the start is.
        Assert.Equal((2L, 600.0), (stats.Waits.Count, stats.Waits.P99Ms));
        Assert.Equal(600, stats.Waits.MaxMs, Precision);
        Assert.Equal(0.6, type.InFlightSeconds - before.InFlightSeconds, Precision);
    }

    [Fact]
    public async Task Two_overlapping_invocations_are_in_flight_from_arrival_to_finish_and_arrivals_count_before_completion()
    {
        var pool = Pool(TimeSpan.Zero);
        var first = Invoke(pool);
        await Eventually.True(() => _blocking.Running == 1, "the first runs");
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = Invoke(pool);
        await Eventually.True(() => _blocking.Running == 2, "both run");
        var during = pool.Statistics().Types["checkout"];
        Assert.Equal((2L, 0L, 2), (during.Arrivals, during.Invocations, during.InFlight));

        _time.Advance(TimeSpan.FromSeconds(2));
        _blocking.Release(1);
        await Eventually.True(() => pool.Statistics().Types["checkout"].InFlight == 1, "one finished");
        _time.Advance(TimeSpan.FromSeconds(3));
        _blocking.Release(1);
        await Task.WhenAll(first, second).WaitAsync(Timeout);

        var type = pool.Statistics().Types["checkout"];
        // 1 in flight for 1 s, 2 for 2 s, 1 for 3 s; whichever finished first, the executions add up to 3 + 5 = 2 + 6 s.
        Assert.Equal((0, 8.0), (type.InFlight, type.InFlightSeconds));
        Assert.Equal(8, type.ExecutionSeconds, Precision);
        // Instances started at 0 s and 1 s, both alive at 6 s.
        Assert.Equal(11, type.InstanceSeconds, Precision);
        Assert.Equal((2L, 2L), (type.OnDemandStarts, pool.Statistics().Waits.Count));
    }

    [Fact]
    public async Task Time_waiting_for_a_slot_is_queueing_and_the_waiting_invocation_has_already_arrived()
    {
        var pool = Pool(TimeSpan.Zero, parallelism: 1);
        var first = Invoke(pool);
        await Eventually.True(() => _blocking.Running == 1, "the first runs");
        var second = Invoke(pool);
        var queued = pool.Statistics();
        Assert.Equivalent(new { Queued = 1, InFlight = 2, Invocations = 0L }, queued);
        Assert.Equal(2L, queued.Types["checkout"].Arrivals);

        _time.Advance(TimeSpan.FromSeconds(3));
        _blocking.Release(1);
        await first.WaitAsync(Timeout);
        await Eventually.True(() => _blocking.Running == 1, "the second runs on the freed slot");
        _blocking.Release(1);
        await second.WaitAsync(Timeout);

        var stats = pool.Statistics();
        Assert.Equal(new WaitSummary(2, 0, 3000, 3000), stats.Waits);
        var copy = pool.CopyWaits();
        Assert.Equal((2L, 3000.0, 0.0), (copy.Count, copy.PercentileMs(99), copy.PercentileMs(50)));
        Assert.Equal((1L, 6.0), (stats.OnDemandStarts, stats.InFlightSeconds));
    }

    [Fact]
    public async Task Time_waiting_for_a_busy_instance_to_be_handed_over_is_queueing()
    {
        var pool = Pool(TimeSpan.FromMilliseconds(250), waitForBusy: true);
        var learn = Invoke(pool);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => _blocking.Running == 1, "the first invocation runs");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _blocking.Release(1);
        await learn.WaitAsync(Timeout);
        var running = Invoke(pool);
        await Eventually.True(() => _blocking.Running == 1, "the warm invocation runs");

        var waiting = Invoke(pool);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _blocking.Release(1);
        await running.WaitAsync(Timeout);
        await Eventually.True(() => _blocking.Running == 1, "the waiting invocation runs on the handed-over instance");
        _blocking.Release(1);
        await waiting.WaitAsync(Timeout);

        var stats = pool.Statistics();
        Assert.Equal((3L, 1L, 1L), (stats.Arrivals, stats.OnDemandStarts, stats.ColdStarts));
        Assert.Equal((3L, 100.0), (stats.Waits.Count, stats.Waits.P99Ms));
        Assert.Equal(100, stats.Waits.MaxMs, Precision);
    }

    [Fact]
    public async Task An_invocation_cancelled_while_waiting_for_a_slot_leaves_the_in_flight_count_without_a_wait()
    {
        var pool = Pool(TimeSpan.Zero, parallelism: 1);
        var first = Invoke(pool);
        await Eventually.True(() => _blocking.Running == 1, "the first runs");
        using var cancel = new CancellationTokenSource();
        var second = Invoke(pool, cancel.Token);
        _time.Advance(TimeSpan.FromSeconds(1));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(Timeout));
        _time.Advance(TimeSpan.FromSeconds(1));

        var stats = pool.Statistics();
        Assert.Equal((2L, 1, 1L), (stats.Arrivals, stats.InFlight, stats.Waits.Count));
        // The first for 2 s, the cancelled one for the 1 s it waited.
        Assert.Equal(3, stats.InFlightSeconds, Precision);
        _blocking.Release(1);
        await first.WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_mean_duration_weighs_each_execution_by_its_age_over_ten_minutes()
    {
        var pool = Pool(TimeSpan.Zero);
        await RunFor(pool, TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(4), pool.Statistics().Types["checkout"].MeanDuration);

        _time.Advance(TimeSpan.FromMinutes(10));
        await RunFor(pool, TimeSpan.FromSeconds(1));

        // The first execution ended 601 s before the second: it weighs e^(-601/600) against the second's 1.
        var kept = Math.Exp(-601.0 / 600);
        var mean = pool.Statistics().Types["checkout"].MeanDuration.TotalSeconds;
        Assert.Equal((4 * kept + 1) / (kept + 1), mean, 6);
        Assert.True(mean < 2.5, $"mean {mean} s: the older execution should count less than the newer one");
    }

    /// <summary>
    /// One invocation on a new instance that then retires after the keep-alive: the pool has seen the type, so the
    /// scaler's floor (<see cref="WorkerPool.ScaleType"/>) pre-warms it, yet none of its instances is left.
    /// </summary>
    private async Task RunUntilRetired(WorkerPool pool, TimeSpan coldStart)
    {
        var run = Invoke(pool);
        _time.Advance(coldStart);
        await run.WaitAsync(Timeout);
        _time.Advance(pool.Options.KeepAlive);
        Assert.Equal(1, pool.RetireIdle());
    }

    private async Task RunFor(WorkerPool pool, TimeSpan execution)
    {
        var running = _blocking.Running;
        var run = Invoke(pool);
        await Eventually.True(() => _blocking.Running == running + 1, "the invocation runs");
        _time.Advance(execution);
        _blocking.Release(1);
        await run.WaitAsync(Timeout);
    }
}
