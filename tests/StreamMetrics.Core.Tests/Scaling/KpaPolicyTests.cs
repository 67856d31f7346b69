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

        // A burst after 10 idle minutes: 0.013 mean concurrency over 600 s is 300 ticks' worth, 0.013 x 300 = 3.9
        // concurrency-ticks, and all of it lands in the newest tick. The 299 skipped ticks count as zeros, so the 30-tick
        // stable window holds 29 zeros and 3.9, and the 3-tick panic window 0, 0 and 3.9:
        //   stable: 3.9 / 30 = 0.13, ceil(0.13 / 0.7) = 1 pod; panic: 3.9 / 3 = 1.3, ceil(1.3 / 0.7) = 2 pods = 200 % of
        //   the 1 ready pod it counts from zero: panic, at 2 pods.
        // Were the skipped ticks not counted, both windows would hold just 0 (the first tick) and 3.9: 1.95 / 0.7 -> 3 pods;
        // were the demand spread over the ticks, the panic window would average 0.013 -> 1 pod, and no panic.
        var burst = kpa.Decide(Tick(concurrency: 0.013, current: 0, arrivals: 4, sinceSeconds: 600), At(602));
        Assert.True(kpa.Panicking);
        Assert.Equal(2, burst.DesiredInstances);
    }

    [Fact]
    public void Options_name_the_key_and_value_when_invalid()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KpaPolicy(new KpaPolicyOptions { StableWindow = TimeSpan.FromSeconds(3) }));
        Assert.Contains("stable-window = 3s, must be between 6s and 1h", error.Message);
    }
}
