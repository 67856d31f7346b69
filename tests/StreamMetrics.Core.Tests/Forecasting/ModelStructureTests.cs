using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class ModelStructureTests
{
    private const int Period = 24;

    [Theory]
    [InlineData(ForecastModels.Ssa)]
    [InlineData(ForecastModels.HoltWinters)]
    public void Model_forecasts_a_pure_sine_within_5_percent_at_a_quarter_period(string name)
    {
        var options = new ForecastModelOptions { SeasonLength = Period };
        var series = SyntheticSeries.Sine(400, Period);
        var model = ForecastModels.Create(name, options);
        const int horizon = Period / 4;
        var checkedPoints = 0;
        for (var t = 0; t < series.Length - horizon; t++)
        {
            model.Observe(series[t]);
            if (t < 300)
                continue;
            var actual = series[t + horizon];
            var forecast = model.Predict(horizon).Point;
            Assert.True(Math.Abs(forecast - actual) <= 0.05 * actual, $"{name} at t={t}: forecast {forecast:F2}, actual {actual:F2}");
            checkedPoints++;
        }
        Assert.True(checkedPoints > 80);
    }

    [Fact]
    public void Ewma_tracks_a_step_within_its_documented_lag()
    {
        const double alpha = 0.3;
        var model = new EwmaModel(alpha);
        for (var t = 0; t < 50; t++)
            model.Observe(10);
        const double step = 100;
        var lag = (int)Math.Ceiling(1 / alpha);
        for (var t = 0; t < lag; t++)
            model.Observe(10 + step);
        var remaining = 10 + step - model.Predict(1).Point;
        Assert.InRange(remaining, 0, step / Math.E);
        Assert.Equal(step * Math.Pow(1 - alpha, lag), remaining, 6);
        for (var t = 0; t < 4 * lag; t++)
            model.Observe(10 + step);
        Assert.InRange(10 + step - model.Predict(1).Point, 0, 0.01 * step);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_bucket_one_season_ago_and_falls_back_to_the_last_value_before()
    {
        var model = new SeasonalNaiveModel(new ForecastModelOptions { SeasonLength = 10 });
        var series = SyntheticSeries.RepeatedShape(25, 10, seed: 7);
        for (var t = 0; t < 5; t++)
            model.Observe(series[t]);
        Assert.Equal(series[4], model.Predict(3).Point);
        for (var t = 5; t < 25; t++)
            model.Observe(series[t]);
        for (var h = 1; h <= 25; h++)
            Assert.Equal(series[(24 + h) % 10], model.Predict(h).Point);
    }

    [Fact]
    public void Holt_winters_runs_without_a_season_until_two_seasons_were_seen()
    {
        var model = new HoltWintersModel(new ForecastModelOptions { SeasonLength = 50 });
        foreach (var value in SyntheticSeries.Sine(99, 50))
            model.Observe(value);
        Assert.False(model.IsSeasonal);
        model.Observe(100);
        Assert.True(model.IsSeasonal);
    }

    [Fact]
    public void Holt_winters_learns_a_long_noisy_season_through_block_terms()
    {
        // A season of 240 buckets in 24 blocks of 10 with levels 20..250, plus seeded noise: one term per block
        // averages the noise away, where one term per bucket would copy it.
        var options = new ForecastModelOptions { SeasonLength = 240, HoltWintersSeasonTerms = 24 };
        var random = new Random(8);
        double Level(int t) => 20 + 10 * (t % 240 / 10);
        var model = new HoltWintersModel(options);
        for (var t = 0; t < 240 * 6; t++)
            model.Observe(Level(t) + random.Next(-15, 16));
        Assert.True(model.IsSeasonal);
        var last = 240 * 6 - 1;
        foreach (var h in new[] { 1, 5, 15, 60, 120 })
            Assert.InRange(model.Predict(h).Point, Level(last + h) - 8, Level(last + h) + 8);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void A_brand_new_type_forecasts_from_its_first_bucket(string name)
    {
        var model = ForecastModels.Create(name, new ForecastModelOptions());
        Assert.Equal(0, model.Predict(1).Point);
        model.Observe(42);
        Assert.Equal(42, model.Predict(1).Point, 6);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Counts_are_never_negative(string name)
    {
        var model = ForecastModels.Create(name, new ForecastModelOptions { SeasonLength = 20 });
        var random = new Random(11);
        for (var t = 0; t < 300; t++)
        {
            // Falling, then bursts over long silences: trends and recurrences overshoot below zero here.
            var value = t < 100 ? Math.Max(0, 300 - 3 * t) : random.NextDouble() < 0.05 ? random.Next(50, 500) : 0;
            model.Observe(value);
            for (var h = 1; h <= 15; h++)
            {
                var forecast = model.Predict(h);
                Assert.True(forecast.Point >= 0 && forecast.Lower >= 0 && forecast.Upper >= forecast.Point && forecast.Lower <= forecast.Point,
                    $"{name} t={t} h={h}: {forecast}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Bounds_widen_with_the_horizon(string name)
    {
        var model = ForecastModels.Create(name, new ForecastModelOptions { SeasonLength = 60 });
        foreach (var value in SyntheticSeries.RandomWalk(400, 200, 20, seed: 5))
            model.Observe(value);
        // Seasonal naive repeats one observed bucket for every horizon within a season: its error grows per season ahead.
        int[] horizons = name == ForecastModels.SeasonalNaive ? [1, 61, 121] : [1, 5, 15];
        var widths = horizons.Select(h => model.Predict(h)).Select(f => f.Upper - f.Lower).ToArray();
        Assert.True(widths[0] > 0, $"{name}: zero-width bounds at horizon 1");
        Assert.True(widths[1] > widths[0] && widths[2] > widths[1], $"{name}: widths {string.Join(", ", widths)}");
    }

    [Fact]
    public void Higher_confidence_gives_wider_bounds()
    {
        var narrow = ForecastModels.Create(ForecastModels.Ewma, new ForecastModelOptions { Confidence = 0.8 });
        var wide = ForecastModels.Create(ForecastModels.Ewma, new ForecastModelOptions { Confidence = 0.99 });
        foreach (var value in SyntheticSeries.NoisyConstant(100, 50, 20, seed: 3))
        {
            narrow.Observe(value);
            wide.Observe(value);
        }
        var n = narrow.Predict(1);
        var w = wide.Predict(1);
        Assert.True(w.Upper - w.Lower > n.Upper - n.Lower);
    }

    public static TheoryData<string> AllModels() => new(ForecastModels.Standalone);
}
