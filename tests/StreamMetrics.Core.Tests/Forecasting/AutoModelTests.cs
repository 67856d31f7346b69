using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class AutoModelTests
{
    [Fact]
    public void Auto_picks_ewma_on_noise_around_a_constant_rate()
    {
        var auto = Run(SyntheticSeries.NoisyConstant(600, 50, 40, seed: 1), [ForecastModels.Naive, ForecastModels.Ewma]);
        Assert.Equal(ForecastModels.Ewma, auto.Current);
    }

    [Fact]
    public void Auto_picks_naive_on_a_random_walk()
    {
        var auto = Run(SyntheticSeries.RandomWalk(600, 500, 40, seed: 2), [ForecastModels.Ewma, ForecastModels.Naive]);
        Assert.Equal(ForecastModels.Naive, auto.Current);
    }

    [Fact]
    public void Auto_picks_seasonal_naive_on_a_shape_that_repeats_every_season()
    {
        var auto = Run(SyntheticSeries.RepeatedShape(600, 30, seed: 3),
            [ForecastModels.Naive, ForecastModels.Ewma, ForecastModels.SeasonalNaive], season: 30);
        Assert.Equal(ForecastModels.SeasonalNaive, auto.Current);
    }

    [Fact]
    public void Auto_picks_ssa_on_a_sine_whose_period_is_not_the_configured_season()
    {
        var auto = Run(SyntheticSeries.Sine(600, 24), [.. new ForecastModelOptions().AutoCandidates]);
        Assert.Equal(ForecastModels.Ssa, auto.Current);
    }

    [Fact]
    public void Auto_does_not_switch_between_candidates_with_equal_errors()
    {
        // Two identical candidates: the hysteresis keeps the first one although the second is never worse.
        // Two candidates within 5 % of each other: with a 10 % margin auto stays with the first one it started with.
        var options = new ForecastModelOptions { AutoCandidates = [ForecastModels.Ewma, ForecastModels.HoltWinters], AutoHysteresis = 0.1 };
        var auto = new AutoModel(options);
        var switches = 0;
        var previous = auto.Current;
        foreach (var value in SyntheticSeries.NoisyConstant(600, 50, 40, seed: 4))
        {
            auto.Observe(value);
            var errors = auto.RollingErrors;
            if (auto.Current != previous)
            {
                switches++;
                var (current, other) = auto.Current == errors[0].Model ? (errors[0].Error, errors[1].Error) : (errors[1].Error, errors[0].Error);
                Assert.True(current < 0.9 * other, $"switched to {auto.Current} at errors {current:F3} vs {other:F3}");
            }
            previous = auto.Current;
        }
        Assert.True(switches <= 3, $"{switches} switches");
    }

    [Fact]
    public void Auto_scores_candidates_out_of_sample_at_its_horizon()
    {
        // A line rising by 1 per bucket: naive is wrong by exactly the horizon, once h forecasts have matured.
        var options = new ForecastModelOptions { AutoHorizon = 5, AutoErrorWindow = 5, AutoCandidates = [ForecastModels.Naive] };
        var auto = new AutoModel(options);
        for (var t = 0; t < 200; t++)
            auto.Observe(t);
        Assert.Equal(5.0, auto.RollingErrors[0].Error, 6);
    }

    private static AutoModel Run(double[] series, string[] candidates, int season = 1440)
    {
        var auto = new AutoModel(new ForecastModelOptions { AutoCandidates = candidates, SeasonLength = season });
        foreach (var value in series)
            auto.Observe(value);
        return auto;
    }
}
