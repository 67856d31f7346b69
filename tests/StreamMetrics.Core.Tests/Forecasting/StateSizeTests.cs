using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class StateSizeTests
{
    [Fact]
    public void Auto_state_stays_under_64_KB_per_type_after_days_of_buckets()
    {
        var auto = new AutoModel(new ForecastModelOptions());
        var random = new Random(13);
        var maximum = 0;
        for (var t = 0; t < 3 * 1440 + 100; t++)
        {
            auto.Observe(random.Next(0, 100));
            if (t % 500 == 0)
                maximum = Math.Max(maximum, auto.StateBytes);
        }
        maximum = Math.Max(maximum, auto.StateBytes);
        Assert.InRange(maximum, 1, 64 * 1024);
    }

    [Fact]
    public void An_idle_type_keeps_a_small_state()
    {
        var auto = new AutoModel(new ForecastModelOptions());
        for (var t = 0; t < 10; t++)
            auto.Observe(0);
        Assert.InRange(auto.StateBytes, 1, 2048);
        Assert.Equal(Forecast.Exact(0), auto.Predict(5));
    }

    [Fact]
    public void Options_name_the_key_and_value_that_are_wrong()
    {
        var error = Assert.Throws<ArgumentException>(() => new ForecastModelOptions { SsaWindow = 100, SsaSeriesLength = 120 }.Validate());
        Assert.Contains("ssa-series-length = 120", error.Message);
        var unknown = Assert.Throws<ArgumentException>(() => ForecastModels.Create("arima", new ForecastModelOptions()));
        Assert.Contains("arima", unknown.Message);
    }
}
