using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>The simulator's dispatch rule (<see cref="WorkerPoolOptions.WaitForBusy"/>): wait for a busy instance when it is expected free within the cold start.</summary>
public sealed class WorkerPoolDispatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ColdStart = TimeSpan.FromMilliseconds(250);
    private static readonly MetricConfig Checkout = new("checkout", BuiltInProfiles.Standard);
    private static readonly StreamEvent Event = new("checkout", "k", DateTimeOffset.UnixEpoch, null);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
    private readonly BlockingFunction _function = new();

    private WorkerPool Pool(bool waitForBusy) =>
        new(new WorkerPoolOptions { ColdStart = ColdStart, InitialParallelism = 8, MaxParallelism = 8, WaitForBusy = waitForBusy },
            new FunctionCatalog(_function), _time);

    /// <summary>One cold invocation that runs for <paramref name="duration"/>, so the type's mean execution time is known.</summary>
    private async Task<Invocation> Learn(WorkerPool pool, TimeSpan duration)
    {
        var run = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 1, "the first invocation runs");
        _time.Advance(duration);
        _function.Release(1);
        return await run.WaitAsync(Timeout);
    }

    private async Task<Task<Invocation>> StartRunning(WorkerPool pool)
    {
        var run = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        await Eventually.True(() => _function.Running == 1, "the warm invocation runs");
        return run;
    }

    [Fact]
    public async Task An_arrival_waits_for_a_busy_instance_expected_free_within_the_cold_start_and_takes_it_warm()
    {
        var pool = Pool(waitForBusy: true);
        var first = await Learn(pool, TimeSpan.FromMilliseconds(100));
        var running = await StartRunning(pool);

        var waiting = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal((0, 1L), (pool.Statistics().Starting, pool.Statistics().ColdStarts));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _function.Release(1);
        await running.WaitAsync(Timeout);
        await Eventually.True(() => _function.Running == 1, "the waiting invocation runs on the freed instance");
        _function.Release(1);
        var served = await waiting.WaitAsync(Timeout);

        Assert.Equal(first.InstanceId, served.InstanceId);
        Assert.False(served.ColdStart);
        Assert.Equal(TimeSpan.FromMilliseconds(100), served.QueueWait);
        var stats = pool.Statistics();
        Assert.Equivalent(new { Instances = 1, ColdStarts = 1L, Invocations = 3L, Executing = 0 }, stats);
    }

    [Fact]
    public async Task An_arrival_waits_for_an_instance_in_its_cold_start_that_will_be_free_within_a_cold_start()
    {
        var pool = Pool(waitForBusy: true);
        await Learn(pool, TimeSpan.FromMilliseconds(100));
        _time.Advance(pool.Options.KeepAlive);
        Assert.Equal(1, pool.RetireIdle());

        var first = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        // Ready in 150 ms, then one mean execution (100 ms): free 250 ms from now, within a cold start, so it waits.
        var second = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal(2L, pool.Statistics().ColdStarts);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        await Eventually.True(() => _function.Running == 1, "the first invocation runs after its cold start");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _function.Release(1);
        await Eventually.True(() => _function.Running == 1 && first.IsCompleted, "the waiting invocation runs on the handed-over instance");
        _function.Release(1);

        var served = await second.WaitAsync(Timeout);
        Assert.False(served.ColdStart);
        Assert.Equal((await first).InstanceId, served.InstanceId);
        Assert.Equal(TimeSpan.FromMilliseconds(250), served.QueueWait);
        Assert.Equal((2L, 2L), (pool.Statistics().ColdStarts, pool.Statistics().OnDemandStarts));
    }

    [Fact]
    public async Task A_type_given_an_expected_duration_dispatches_by_it_until_its_own_first_execution_ends()
    {
        var pool = new WorkerPool(
            new WorkerPoolOptions
            {
                ColdStart = ColdStart, InitialParallelism = 8, MaxParallelism = 8, WaitForBusy = true,
                ExpectedDurations = new Dictionary<string, TimeSpan> { ["checkout"] = TimeSpan.FromMilliseconds(300) },
            },
            new FunctionCatalog(_function), _time);

        // The starting instance is expected free 250 + 300 ms from now, beyond a cold start: both arrivals start one.
        var runs = Enumerable.Range(0, 2).Select(_ => pool.InvokeAsync(Event, Checkout, CancellationToken.None)).ToList();
        Assert.Equal(2L, pool.Statistics().OnDemandStarts);
        Assert.Equal(TimeSpan.FromMilliseconds(300), pool.Statistics().Types["checkout"].ExpectedDuration);

        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 2, "both started instances run");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _function.Release(2);
        await Task.WhenAll(runs).WaitAsync(Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pool.Statistics().Types["checkout"].ExpectedDuration);
    }

    [Fact]
    public void A_negative_expected_duration_is_refused_by_name()
    {
        var options = new WorkerPoolOptions { ExpectedDurations = new Dictionary<string, TimeSpan> { ["checkout"] = TimeSpan.FromMilliseconds(-5) } };

        var error = Assert.Throws<ArgumentException>(() => options.Validate("pool."));

        Assert.Equal("pool.expectedDurations.checkout = -5ms, must be 0ms or more", error.Message);
    }

    [Fact]
    public async Task Before_any_execution_time_is_known_each_starting_instance_takes_one_waiter()
    {
        var pool = Pool(waitForBusy: true);

        var runs = Enumerable.Range(0, 3).Select(_ => pool.InvokeAsync(Event, Checkout, CancellationToken.None)).ToList();

        // The first starts an instance, the second waits for it, the third starts another.
        Assert.Equal((2L, 2), (pool.Statistics().OnDemandStarts, pool.Statistics().Starting));
        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 2, "both started instances run");
        _function.Release(2);
        await Eventually.True(() => _function.Running == 1, "the waiting invocation runs warm");
        _function.Release(1);
        var served = await Task.WhenAll(runs).WaitAsync(Timeout);
        Assert.Equal(1, served.Count(r => !r.ColdStart));
    }

    [Fact]
    public async Task A_type_none_of_whose_executions_has_ended_is_expected_to_take_the_pools_mean()
    {
        var pool = Pool(waitForBusy: true);
        var search = new MetricConfig("search", BuiltInProfiles.Standard);
        var learning = pool.InvokeAsync(new StreamEvent("search", "k", DateTimeOffset.UnixEpoch, null), search, CancellationToken.None);
        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 1, "the search invocation runs");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _function.Release(1);
        await learning.WaitAsync(Timeout);

        var first = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        // Ready in 50 ms, then 100 ms (search's mean) per execution: the second waits 50 ms, the third 150 ms, both
        // within a cold start. Were nothing known, the instance would take one waiter and the third would start another.
        var second = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        var third = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal(1L, pool.Statistics().Types["checkout"].OnDemandStarts);

        _time.Advance(TimeSpan.FromMilliseconds(50));
        for (var served = 0; served < 3; served++)
        {
            await Eventually.True(() => _function.Running == 1, "one checkout invocation runs at a time");
            _function.Release(1);
        }
        var runs = await Task.WhenAll(first, second, third).WaitAsync(Timeout);
        Assert.Equal([true, false, false], runs.Select(r => r.ColdStart));
    }

    [Fact]
    public async Task An_arrival_starts_a_new_instance_when_the_busy_one_is_expected_to_run_longer_than_a_cold_start()
    {
        var pool = Pool(waitForBusy: true);
        await Learn(pool, TimeSpan.FromSeconds(1));
        var running = await StartRunning(pool);

        var cold = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal((1, 2L), (pool.Statistics().Starting, pool.Statistics().ColdStarts));
        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 2, "the cold-started invocation runs");
        _function.Release(2);
        Assert.True((await cold.WaitAsync(Timeout)).ColdStart);
        await running.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Queued_arrivals_count_one_mean_execution_each_so_the_next_one_starts_an_instance()
    {
        var pool = Pool(waitForBusy: true);
        await Learn(pool, TimeSpan.FromMilliseconds(200));
        var running = await StartRunning(pool);

        var waiting = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        var cold = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal(2L, pool.Statistics().ColdStarts);
        _time.Advance(ColdStart);
        _function.Release(1);
        await Eventually.True(() => _function.Running == 2, "the waiting and the cold-started invocations run");
        _function.Release(2);
        await Task.WhenAll(running, waiting, cold).WaitAsync(Timeout);
        Assert.Equal(4L, pool.Statistics().Invocations);
    }

    [Fact]
    public async Task An_execution_past_the_mean_is_expected_to_run_one_more_mean_not_to_end_at_once()
    {
        var pool = Pool(waitForBusy: true);
        await Learn(pool, TimeSpan.FromMilliseconds(200));
        var running = await StartRunning(pool);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        // Past its 200 ms mean, the running execution is expected free in 200 ms: the first arrival waits for it; the
        // second would wait 400 ms, longer than a cold start, so it starts an instance.
        var waiting = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        var cold = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal(2L, pool.Statistics().OnDemandStarts);

        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 2, "the running and the cold-started invocations run");
        _function.Release(2);
        await Eventually.True(() => _function.Running == 1, "the waiting invocation runs on the freed instance");
        _function.Release(1);
        await Task.WhenAll(running, waiting, cold).WaitAsync(Timeout);
        Assert.False((await waiting).ColdStart);
        Assert.True((await cold).ColdStart);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_instance_goes_idle()
    {
        var pool = Pool(waitForBusy: true);
        await Learn(pool, TimeSpan.FromMilliseconds(100));
        var running = await StartRunning(pool);
        using var cancel = new CancellationTokenSource();

        var waiting = pool.InvokeAsync(Event, Checkout, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));
        _function.Release(1);
        await running.WaitAsync(Timeout);
        var stats = pool.Statistics();
        Assert.Equal((1, 1, 0), (stats.Instances, stats.Idle, stats.Executing));
    }

    [Fact]
    public async Task Without_the_rule_an_arrival_finding_every_instance_busy_starts_one()
    {
        var pool = Pool(waitForBusy: false);
        await Learn(pool, TimeSpan.FromMilliseconds(100));
        var running = await StartRunning(pool);

        var cold = pool.InvokeAsync(Event, Checkout, CancellationToken.None);
        Assert.Equal((1, 2L), (pool.Statistics().Starting, pool.Statistics().ColdStarts));
        _time.Advance(ColdStart);
        await Eventually.True(() => _function.Running == 2, "both run");
        _function.Release(2);
        await Task.WhenAll(running, cold).WaitAsync(Timeout);
    }
}
