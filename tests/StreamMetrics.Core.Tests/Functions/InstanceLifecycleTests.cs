using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using static StreamMetrics.Core.Tests.Functions.FakeClockLifecycle;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>Each transition of an instance's life, on a fake clock; counts are (starting, claimed, running, idle, waiting).</summary>
public sealed class InstanceLifecycleTests
{
    private readonly FakeClockLifecycle _fixture = new();

    private (int Starting, int Claimed, int Running, int Idle, int Waiting) Counts(MetricConfig config) => _fixture.Locked(l => l.Counts(config));

    /// <summary>An instance that ran one invocation and is idle now.</summary>
    private async Task<FunctionInstance> IdleInstance(MetricConfig config)
    {
        var instance = _fixture.Locked(l => l.StartClaimed(config));
        _fixture.Time.Advance(ColdStart);
        await instance.Ready.WaitAsync(WaitLimit);
        _fixture.Locked(l =>
        {
            l.Run(instance);
            l.Finish(instance);
        });
        return instance;
    }

    [Fact]
    public async Task Pre_warmed_instances_start_unclaimed_and_are_idle_once_their_cold_start_ends()
    {
        Assert.Equal(2, _fixture.Locked(l => l.PreWarm(Standard, 2)));
        Assert.Equal((2, 0, 0, 0, 0), Counts(Standard));
        Assert.Equal(2, _fixture.Accounting.Of("checkout").Starting);

        _fixture.Time.Advance(ColdStart);

        await Eventually.True(() => Counts(Standard) == (0, 0, 0, 2, 0), "both pre-warmed instances are idle");
        Assert.Equal((2, 0), (_fixture.Accounting.Of("checkout").Instances, _fixture.Accounting.Of("checkout").Starting));
    }

    [Fact]
    public async Task An_instance_started_on_demand_stays_claimed_when_ready_and_runs_from_when_its_invocation_runs_it()
    {
        var instance = _fixture.Locked(l => l.StartClaimed(Standard));
        Assert.Equal((0, 1, 0, 0, 0), Counts(Standard));

        _fixture.Time.Advance(ColdStart);
        await instance.Ready.WaitAsync(WaitLimit);
        // Ready, yet its invocation's: no other may take it.
        Assert.Equal((0, 1, 0, 0, 0), Counts(Standard));
        Assert.Null(_fixture.Locked(l => l.ClaimIdle(Standard)));

        _fixture.Time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal(_fixture.Time.GetTimestamp(), _fixture.Locked(l => l.Run(instance)));
        Assert.Equal((0, 0, 1, 0, 0), Counts(Standard));
    }

    [Fact]
    public async Task A_warm_instance_is_claimed_newest_first_and_counts_as_running_from_the_claim()
    {
        await IdleInstance(Standard);
        var newest = await IdleInstance(Standard);
        Assert.Null(_fixture.Locked(l => l.ExpectedWait(Standard, TimeSpan.FromMilliseconds(100))));

        var claimedAt = _fixture.Time.GetTimestamp();
        var claimed = _fixture.Locked(l => l.ClaimIdle(Standard));

        Assert.Same(newest, claimed);
        Assert.Equal((0, 0, 1, 1, 0), Counts(Standard));
        // Before its invocation runs it, the dispatch already sees it running.
        Assert.Equal(TimeSpan.FromMilliseconds(100), _fixture.Locked(l => l.ExpectedWait(Standard, TimeSpan.FromMilliseconds(100))));
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(claimedAt, _fixture.Locked(l => l.Run(claimed!)));
    }

    [Fact]
    public async Task A_claim_of_a_starting_instance_takes_the_earliest_started_and_it_stays_claimed_when_ready()
    {
        var firstReadyAt = _fixture.Time.GetTimestamp() + ColdStart.Ticks * _fixture.Time.TimestampFrequency / TimeSpan.TicksPerSecond;
        _fixture.Locked(l => l.PreWarm(Standard, 1));
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(100));
        _fixture.Locked(l => l.PreWarm(Standard, 1));

        var claimed = _fixture.Locked(l => l.ClaimStarting(Standard))!;
        Assert.Equal(firstReadyAt, claimed.ReadyAt);
        Assert.Equal((1, 1, 0, 0, 0), Counts(Standard));

        _fixture.Time.Advance(TimeSpan.FromMilliseconds(150));
        await claimed.Ready.WaitAsync(WaitLimit);
        Assert.Equal((1, 1, 0, 0, 0), Counts(Standard));
        Assert.NotNull(_fixture.Locked(l => l.ClaimStarting(Standard)));
        Assert.Null(_fixture.Locked(l => l.ClaimStarting(Standard)));
        Assert.Equal((0, 2, 0, 0, 0), Counts(Standard));
    }

    [Fact]
    public async Task An_idle_instance_of_another_config_of_the_type_stands_in_only_while_the_configs_own_start()
    {
        var old = await IdleInstance(Standard);
        Assert.Null(_fixture.Locked(l => l.ClaimStandIn(Debug)));
        _fixture.Locked(l => l.PreWarm(Search, 1));
        Assert.Null(_fixture.Locked(l => l.ClaimStandIn(Search)));

        _fixture.Locked(l => l.PreWarm(Debug, 1));
        var standIn = _fixture.Locked(l => l.ClaimStandIn(Debug));

        Assert.Same(old, standIn);
        Assert.Equal(((0, 0, 1, 0, 0), (1, 0, 0, 0, 0)), (Counts(Standard), Counts(Debug)));
    }

    [Fact]
    public async Task A_finished_instance_runs_the_first_waiter_from_the_hand_over_or_else_is_idle()
    {
        await IdleInstance(Standard);
        var instance = _fixture.Locked(l => l.ClaimIdle(Standard))!;
        var first = _fixture.Locked(l => l.Wait(Standard));
        var second = _fixture.Locked(l => l.Wait(Standard));
        Assert.Equal((0, 0, 1, 0, 2), Counts(Standard));

        _fixture.Time.Advance(TimeSpan.FromMilliseconds(40));
        var handedOverAt = _fixture.Time.GetTimestamp();
        _fixture.Locked(l => l.Finish(instance));

        Assert.Same(instance, await first.Task.WaitAsync(WaitLimit));
        Assert.False(second.Task.IsCompleted);
        Assert.Equal((0, 0, 1, 0, 1), Counts(Standard));
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(handedOverAt, _fixture.Locked(l => l.Run(instance)));

        _fixture.Locked(l => l.Finish(instance));
        Assert.Same(instance, await second.Task.WaitAsync(WaitLimit));
        _fixture.Locked(l => l.Finish(instance));
        Assert.Equal((0, 0, 0, 1, 0), Counts(Standard));
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_but_one_already_handed_an_instance_keeps_it()
    {
        await IdleInstance(Standard);
        var instance = _fixture.Locked(l => l.ClaimIdle(Standard))!;
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var cancelled = _fixture.Locked(l => l.Wait(Standard));
        var served = _fixture.Locked(l => l.Wait(Standard));

        _fixture.Locked(l => l.CancelWait(Standard, cancelled, cancel.Token));
        Assert.True(cancelled.Task.IsCanceled);
        Assert.Equal((0, 0, 1, 0, 1), Counts(Standard));

        _fixture.Locked(l => l.Finish(instance));
        _fixture.Locked(l => l.CancelWait(Standard, served, cancel.Token));
        Assert.Same(instance, await served.Task.WaitAsync(WaitLimit));
        Assert.Equal((0, 0, 1, 0, 0), Counts(Standard));
    }

    [Fact]
    public async Task An_instance_given_up_keeps_starting_for_the_next_claim_or_is_idle_once_ready()
    {
        var starting = _fixture.Locked(l => l.StartClaimed(Standard));
        _fixture.Locked(l => l.Unclaim(starting));
        Assert.Equal((1, 0, 0, 0, 0), Counts(Standard));
        Assert.Same(starting, _fixture.Locked(l => l.ClaimStarting(Standard)));

        _fixture.Time.Advance(ColdStart);
        await starting.Ready.WaitAsync(WaitLimit);
        _fixture.Locked(l => l.Unclaim(starting));
        Assert.Equal((0, 0, 0, 1, 0), Counts(Standard));
        Assert.Equal(1, _fixture.Accounting.Of("checkout").Instances);
    }

    [Fact]
    public async Task A_transition_from_the_wrong_state_is_refused_and_changes_nothing()
    {
        var idle = await IdleInstance(Standard);

        Assert.Throws<InvalidOperationException>(() => _fixture.Locked(l => l.Run(idle)));
        Assert.Throws<InvalidOperationException>(() => _fixture.Locked(l => l.Finish(idle)));
        Assert.Throws<InvalidOperationException>(() => _fixture.Locked(l => l.Unclaim(idle)));
        Assert.Equal((0, 0, 0, 1, 0), Counts(Standard));
    }

    [Fact]
    public async Task Above_the_floor_the_oldest_idle_instances_retire_once_idle_for_the_timeout()
    {
        await IdleInstance(Standard);
        _fixture.Time.Advance(TimeSpan.FromSeconds(10));
        var newer = await IdleInstance(Standard);
        var newest = await IdleInstance(Standard);

        Assert.Equal(0, _fixture.Locked(l => l.RetireAbove("checkout", 3, TimeSpan.Zero)));
        // Only the oldest has been idle for 10 s.
        Assert.Equal(1, _fixture.Locked(l => l.RetireAbove("checkout", 1, TimeSpan.FromSeconds(10))));

        Assert.Equal((0, 0, 0, 2, 0), Counts(Standard));
        Assert.Equal([newest, newer], _fixture.Locked(l => new[] { l.ClaimIdle(Standard), l.ClaimIdle(Standard) }));
    }

    [Fact]
    public async Task Instances_idle_for_the_keep_alive_retire_and_running_ones_stay()
    {
        await IdleInstance(Standard);
        _fixture.Locked(l => l.ClaimIdle(Standard));
        await IdleInstance(Standard);
        _fixture.Time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        Assert.Equal(0, _fixture.Locked(l => l.RetireIdle(TimeSpan.FromSeconds(60))));

        _fixture.Time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(1, _fixture.Locked(l => l.RetireIdle(TimeSpan.FromSeconds(60))));
        Assert.Equal((0, 0, 1, 0, 0), Counts(Standard));
        Assert.Equal(1, _fixture.Accounting.Of("checkout").Instances);
    }

    [Fact]
    public async Task Another_configs_idle_instances_are_superseded_only_once_none_of_the_latest_is_starting_or_claimed()
    {
        await IdleInstance(Standard);
        var debug = _fixture.Locked(l => l.StartClaimed(Debug));
        Assert.Equal(0, _fixture.Locked(l => l.RetireSuperseded(Debug)));

        _fixture.Time.Advance(ColdStart);
        await debug.Ready.WaitAsync(WaitLimit);
        Assert.Equal(0, _fixture.Locked(l => l.RetireSuperseded(Debug)));
        _fixture.Locked(l => l.Run(debug));

        Assert.Equal(1, _fixture.Locked(l => l.RetireSuperseded(Debug)));
        Assert.Equal(((0, 0, 0, 0, 0), (0, 0, 1, 0, 0)), (Counts(Standard), Counts(Debug)));
    }
}
