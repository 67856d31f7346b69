using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class CombinationBoundsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    public void A_timer_forecast_almost_exactly_keeps_its_upper_bound_within_a_few_times_its_peak_after_an_irregular_run(int horizon)
    {
        // The day of an Azure timer function (79563c29cda7 in the shared day trace): one run every 10 minutes and one
        // irregular run at minute 653. Its candidates forecast it almost exactly, with bounds of next to no width.
        var series = Enumerable.Range(0, 1440).Select(t => t % 10 == 0 || t == 653 ? 1.0 : 0).ToArray();
        var auto = new AutoModel(new ForecastModelOptions());
        var highest = (Upper: 0.0, Point: 0.0, Bucket: 0);
        for (var t = 0; t < series.Length; t++)
        {
            auto.Observe(series[t]);
            var forecast = auto.Predict(horizon);
            if (t >= 120 && forecast.Upper > highest.Upper)
                highest = (forecast.Upper, forecast.Point, t);
        }

        // The series never holds more than 1 a bucket (before the bounds had their floor, h1 reached 26 and h5 and h15 over
        // 10,000): an upper bound many times that is no longer a bound.
        Assert.True(highest.Upper <= 5, $"upper bound {highest.Upper:G4} against a point of {highest.Point:G3} after bucket {highest.Bucket}");
    }

    [Fact]
    public void A_snapshot_written_while_the_factor_had_no_limit_restores_with_the_factor_limited()
    {
        // The layout such a snapshot has (the same as today's): the pending bounds, then the log factors, here the
        // 15 a timer's reached over its day.
        int[] horizons = [1, 2, 5, 15];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            new ForecastRings(horizons, 2).Write(writer);
            StateArrays.Write(writer, [15.0, 15.0, 15.0, 15.0]);
        }
        stream.Position = 0;
        var bounds = new CombinationBounds(horizons, 0.95, 0.05);
        using (var reader = new BinaryReader(stream))
            bounds.Read(reader);

        for (var k = 0; k < horizons.Length; k++)
            Assert.InRange(bounds.HalfWidth(k, spread: 1, error: 0), 1, 20.1);
    }
}
