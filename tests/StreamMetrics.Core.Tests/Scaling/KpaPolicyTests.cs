using StreamMetrics.Core.Scaling;
using static StreamMetrics.Core.Tests.Scaling.ScalingInputs;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class KpaPolicyTests
{
    [Fact]
    public void Defaults_are_knatives_published_ones()
    {
        var options = new KpaPolicyOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.StableWindow);
        Assert.Equal(TimeSpan.FromSeconds(6), options.StableWindow * options.PanicWindowPercentage / 100);
        Assert.Equal(200, options.PanicThresholdPercentage);
        Assert.Equal(0.7, options.TargetUtilisation);
        Assert.Equal(1000, options.MaxScaleUpRate);
        Assert.Equal(2, options.MaxScaleDownRate);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ScaleToZeroGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(2), options.TickInterval);
    }

    [Fact]
    public void Panic_starts_at_exactly_twice_the_ready_capacity()
    {
        // 2 ready pods; 2.75 concurrent needs ceil(2.75 / 0.7) = 4 pods = 200 % of 2.
        var atThreshold = new KpaPolicy();
        atThreshold.Decide(Tick(concurrency: 2.75, current: 2), At(2));
        Assert.True(atThreshold.Panicking);

        // 1.9 concurrent needs 3 pods = 150 %: stable mode.
        var below = new KpaPolicy();
        below.Decide(Tick(concurrency: 1.9, current: 2), At(2));
        Assert.False(below.Panicking);
    }

    [Fact]
    public void Never_scales_down_while_panicking_and_leaves_panic_one_stable_window_after_the_surge()
    {
        var kpa = new KpaPolicy();
        var surge = kpa.Decide(Tick(concurrency: 13.5, current: 2), At(2));
        Assert.True(kpa.Panicking);
        Assert.Equal(20, surge.DesiredInstances);

        // Demand collapses; the panic answer holds until 60 s have passed since the last tick over the threshold.
        for (var t = 4; t <= 62; t += 2)
        {
            var quiet = kpa.Decide(Tick(concurrency: 0.1, current: 20), At(t));
            Assert.Equal(20, quiet.DesiredInstances);
        }
        var after = kpa.Decide(Tick(concurrency: 0.1, current: 20), At(64));
        Assert.False(kpa.Panicking);
        Assert.True(after.DesiredInstances < 20);
    }

    [Fact]
    public void Stable_mode_shrinks_at_most_by_half_per_tick()
    {
        var kpa = new KpaPolicy();
        // A young window averages what it has: one tick at 0.35 concurrency wants 1 pod, but 8 ready may only halve.
        var decision = kpa.Decide(Tick(concurrency: 0.35, current: 8), At(2));

        Assert.False(kpa.Panicking);
        Assert.Equal(4, decision.DesiredInstances);
    }

    [Fact]
    public void Last_instance_goes_only_after_the_scale_to_zero_grace_period()
    {
        var kpa = new KpaPolicy();
        kpa.Decide(Tick(concurrency: 0.5, current: 1), At(2));
        var t = 4.0;
        // The stable window still holds the 0.5 for 60 s.
        for (; t <= 60; t += 2)
            Assert.Equal(1, kpa.Decide(Tick(current: 1), At(t)).DesiredInstances);
        var zeroFrom = t;
        for (; t < zeroFrom + 30; t += 2)
            Assert.Equal(1, kpa.Decide(Tick(current: 1), At(t)).DesiredInstances);
        Assert.Equal(0, kpa.Decide(Tick(current: 1), At(t)).DesiredInstances);
    }

    [Fact]
    public void Skipped_idle_ticks_count_as_zeros_and_a_quiet_scope_holds_until_arrivals()
    {
        var kpa = new KpaPolicy();
        var decision = kpa.Decide(Tick(current: 0), At(2));

        Assert.Equal(0, decision.DesiredInstances);
        Assert.Equal(DateTimeOffset.MaxValue, decision.HoldsUntil);

        // One arrival after 10 idle minutes: its demand lands in the newest tick, so the panic window sees it whole.
        var burst = kpa.Decide(Tick(concurrency: 2.0 / 600, current: 0, arrivals: 1, sinceSeconds: 600), At(602));
        Assert.True(burst.DesiredInstances >= 1);
    }

    [Fact]
    public void Options_name_the_key_and_value_when_invalid()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KpaPolicy(new KpaPolicyOptions { StableWindow = TimeSpan.FromSeconds(3) }));
        Assert.Contains("stable-window = 3s, must be between 6s and 1h", error.Message);
    }
}
