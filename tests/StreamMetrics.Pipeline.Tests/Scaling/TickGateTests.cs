using StreamMetrics.Pipeline.Scaling;

namespace StreamMetrics.Pipeline.Tests.Scaling;

public sealed class TickGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void Ticks_within_their_interval_all_run()
    {
        var gate = new TickGate(Interval);
        for (var i = 0; i < 10; i++)
        {
            var at = Start + i * Interval;
            Assert.True(gate.ShouldRun(at));
            gate.Ran(at, at + TimeSpan.FromMilliseconds(900));
        }
        Assert.Equal(0, gate.Skipped);
    }

    [Fact]
    public void Ticks_queued_during_an_overrun_are_skipped_until_half_an_interval_after_it()
    {
        var gate = new TickGate(Interval);
        var ended = Start + TimeSpan.FromSeconds(2.5);
        Assert.True(gate.ShouldRun(Start));
        gate.Ran(Start, ended);

        // The two ticks the timer sent meanwhile arrive as the overrun ends, the next one within the rest.
        Assert.False(gate.ShouldRun(ended));
        Assert.False(gate.ShouldRun(ended + TimeSpan.FromMilliseconds(1)));
        Assert.False(gate.ShouldRun(ended + TimeSpan.FromMilliseconds(400)));
        Assert.True(gate.ShouldRun(ended + TimeSpan.FromMilliseconds(500)));
        Assert.Equal(3, gate.Skipped);
    }

    [Fact]
    public void A_tick_within_its_interval_after_an_overrun_ends_the_rest()
    {
        var gate = new TickGate(Interval);
        gate.Ran(Start, Start + TimeSpan.FromSeconds(2));
        var next = Start + TimeSpan.FromSeconds(3);
        Assert.True(gate.ShouldRun(next));
        gate.Ran(next, next + TimeSpan.FromMilliseconds(200));

        Assert.True(gate.ShouldRun(next + TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, gate.Skipped);
    }
}
