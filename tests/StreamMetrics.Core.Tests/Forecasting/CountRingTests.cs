using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class CountRingTests
{
    [Fact]
    public void Ring_keeps_exactly_the_latest_values_through_idle_stretches()
    {
        var ring = new CountRing(50);
        var reference = new List<double>();
        var random = new Random(31);
        for (var t = 0; t < 2000; t++)
        {
            // Long idle stretches alternate with bursts, so the storage is released and rebuilt many times.
            var value = (t / 100) % 2 == 0 ? 0 : random.NextDouble() < 0.3 ? random.Next(1, 100) : 0;
            ring.Add(value);
            reference.Add(value);
            if (reference.Count > 50)
                reference.RemoveAt(0);
            Assert.Equal(reference.Count, ring.Count);
            Assert.Equal(reference.Count(v => v != 0), ring.NonZero);
            for (var i = 0; i < reference.Count; i++)
                Assert.Equal(reference[i], ring[i]);
        }
    }

    [Fact]
    public void An_all_zero_ring_holds_no_storage()
    {
        var ring = new CountRing(1440);
        ring.Add(5);
        Assert.True(ring.AllocatedBytes > 0);
        for (var t = 0; t < 1440; t++)
            ring.Add(0);
        Assert.Equal(0, ring.AllocatedBytes);
        Assert.Equal(1440, ring.Count);
        Assert.Equal(0, ring.FromEnd(0));
    }

    [Fact]
    public void Holt_winters_with_a_season_drops_its_state_when_idle_and_resumes()
    {
        var options = new ForecastModelOptions { SeasonLength = 24 };
        var model = new HoltWintersModel(options);
        var sine = SyntheticSeries.Sine(24 * 10, 24);
        foreach (var value in sine)
            model.Observe(value);
        for (var t = 0; t < options.HoltWintersFitWindow + options.HoltWintersRefitEvery; t++)
            model.Observe(0);
        Assert.Equal(0, model.Predict(5).Point);
        Assert.True(model.StateBytes < 1024, $"{model.StateBytes} bytes while idle");
        // The seasonal terms are initialised from the oldest two seasons of the fit window: once the window holds
        // only the returned pattern, the forecasts follow it again.
        var resumed = SyntheticSeries.Sine(24 * 20, 24);
        foreach (var value in resumed)
            model.Observe(value);
        Assert.True(model.IsSeasonal);
        var expected = resumed[(resumed.Length - 1 + 6) % 24];
        Assert.InRange(model.Predict(6).Point, 0.95 * expected, 1.05 * expected);
    }
}
