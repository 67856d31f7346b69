using StreamMetrics.Core.Scaling;
using static StreamMetrics.Core.Tests.Scaling.ScalingInputs;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class HybridHistogramPolicyTests
{
    [Fact]
    public void Windows_are_the_5th_and_99th_percentile_bins_with_10_percent_margins()
    {
        var histogram = new IdleTimeHistogram(new HybridPolicyOptions());
        for (var i = 0; i < 5; i++)
            histogram.Add(TimeSpan.FromMinutes(2.5));   // bin 2: the 5th percentile
        for (var i = 0; i < 90; i++)
            histogram.Add(TimeSpan.FromMinutes(10.2));  // bin 10
        for (var i = 0; i < 5; i++)
            histogram.Add(TimeSpan.FromMinutes(30.9));  // bin 30: the 99th percentile

        var windows = histogram.Windows();

        Assert.True(windows.Representative);
        Assert.Equal(TimeSpan.FromMinutes(2 * 0.9), windows.PreWarm);
        Assert.Equal((TimeSpan.FromMinutes(31) - TimeSpan.FromMinutes(1.8)) * 1.1, windows.KeepAlive);
    }

    [Fact]
    public void Too_few_or_mostly_out_of_range_idle_times_keep_warm_for_the_whole_range()
    {
        var few = new IdleTimeHistogram(new HybridPolicyOptions());
        for (var i = 0; i < 9; i++)
            few.Add(TimeSpan.FromMinutes(5));
        Assert.Equal(new HybridWindows(TimeSpan.Zero, TimeSpan.FromHours(4), false), few.Windows());

        var outOfRange = new IdleTimeHistogram(new HybridPolicyOptions());
        for (var i = 0; i < 20; i++)
            outOfRange.Add(TimeSpan.FromHours(i < 11 ? 5 : 0.1));
        Assert.False(outOfRange.Windows().Representative);
    }

    [Fact]
    public void Timer_every_five_minutes_is_unloaded_then_prewarmed_before_the_next_run()
    {
        var hybrid = new HybridHistogramPolicy();
        // Twelve runs, one every 5 minutes: idle times of 4 whole minutes.
        for (var run = 0; run < 12; run++)
            hybrid.Decide(Tick(arrivals: 1), At(run * 300 + 2));
        var windows = hybrid.Windows;
        Assert.Equal(TimeSpan.FromMinutes(4 * 0.9), windows.PreWarm);
        Assert.Equal((TimeSpan.FromMinutes(5) - TimeSpan.FromMinutes(3.6)) * 1.1, windows.KeepAlive);

        var lastRun = 11 * 300 + 2;
        var right = hybrid.Decide(Tick(current: 1), At(lastRun + 60));
        Assert.Equal(0, right.DesiredInstances);
        Assert.Equal(TimeSpan.Zero, right.IdleTimeout);
        Assert.Equal(At(lastRun) + windows.PreWarm, right.HoldsUntil);

        Assert.Equal(1, hybrid.Decide(Tick(), At(lastRun + 4 * 60)).DesiredInstances);
        Assert.Equal(0, hybrid.Decide(Tick(current: 1), At(lastRun + 6 * 60)).DesiredInstances);
    }

    [Fact]
    public void Without_a_prewarm_window_instances_live_for_the_keep_alive_window()
    {
        var hybrid = new HybridHistogramPolicy();
        // Active every minute: every idle time is zero, so pre-warm is 0 and keep-alive is one bin plus 10 %.
        for (var minute = 0; minute < 30; minute++)
            hybrid.Decide(Tick(arrivals: 3), At(minute * 60 + 30));

        var decision = hybrid.Decide(Tick(current: 2), At(30 * 60 + 2));

        Assert.Equal(0, decision.DesiredInstances);
        Assert.Equal(TimeSpan.FromMinutes(1.1), decision.IdleTimeout);
    }
}
