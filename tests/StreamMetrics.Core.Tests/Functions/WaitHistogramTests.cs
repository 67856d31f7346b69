using StreamMetrics.Core.Functions;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class WaitHistogramTests
{
    [Fact]
    public void A_copy_does_not_see_later_waits_and_the_original_does_not_see_the_copys()
    {
        var waits = new WaitHistogram(1);
        waits.Add(0.010);
        var copy = waits.Copy();
        waits.Add(0.500);
        copy.Add(0.002);

        Assert.Equal((2L, 500.0), (waits.Count, waits.MaxMs));
        Assert.Equal((2L, 10.0, 2.0), (copy.Count, copy.MaxMs, copy.PercentileMs(50)));
        Assert.Equal(10.0, waits.PercentileMs(50));
    }

    [Fact]
    public void A_wait_beyond_the_range_lands_in_the_last_bin_and_keeps_its_exact_maximum()
    {
        var waits = new WaitHistogram(60);
        waits.Add(0);
        waits.Add(90);

        // 60 s in 1 ms bins: 0..60000 plus one bin for everything longer.
        Assert.Equal(60_001, waits.PercentileMs(100));
        Assert.Equal(0, waits.PercentileMs(50));
        Assert.Equal(90_000, waits.MaxMs);
    }

    [Fact]
    public void Waits_since_an_earlier_copy_leave_out_what_the_copy_held()
    {
        var waits = new WaitHistogram(1);
        waits.Add(0.900);
        waits.Add(0.001);
        var before = waits.Copy();
        waits.Add(0.020);
        waits.Add(0.030);

        var since = waits.Since(before);

        Assert.Equal(2L, since.Count);
        Assert.Equal(20.0, since.PercentileMs(50));
        Assert.Equal(31.0, since.MaxMs);
        waits.Add(0.950);
        Assert.Equal(950.0, waits.Since(before).MaxMs);
    }
}
