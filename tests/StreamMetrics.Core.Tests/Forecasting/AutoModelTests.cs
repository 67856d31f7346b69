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
        // Until it has seen a season (a day here), seasonal-naive forecasts the last value, as naive does: the two make the
        // same forecasts, so their errors are equal at every step. With no hysteresis margin at all, only the rule that a
        // tie keeps the current candidate holds auto on the first one.
        var options = new ForecastModelOptions { AutoCandidates = [ForecastModels.Naive, ForecastModels.SeasonalNaive], AutoHysteresis = 0 };
        var auto = new AutoModel(options);
        var step = 0;
        // Whole counts: seasonal-naive keeps its history as floats, which hold them exactly.
        foreach (var value in SyntheticSeries.NoisyConstant(600, 50, 40, seed: 4))
        {
            auto.Observe(value);
            step++;
            var errors = auto.RollingErrors;
            Assert.True(errors[0].Error == errors[1].Error, $"step {step}: errors {errors[0].Error} and {errors[1].Error} differ");
            Assert.True(auto.Current == ForecastModels.Naive, $"step {step}: switched to {auto.Current} at equal errors {errors[0].Error}");
        }
        Assert.True(auto.RollingErrors[0].Error > 0, "the candidates made errors, so there was something to tie on");
    }

    [Fact]
    public void Auto_switches_exactly_when_another_candidate_is_better_by_the_hysteresis_margin()
    {
        // Noise around a constant (ewma is better), then a random walk (naive is better): auto must move twice, and near
        // each crossing the other candidate is better by less than the 10 % margin for a while, where it must stay. A
        // one-hour error window lets the errors follow each regime within its 300 buckets.
        var options = new ForecastModelOptions { AutoCandidates = [ForecastModels.Naive, ForecastModels.Ewma], AutoHysteresis = 0.1, AutoErrorWindow = 60 };
        var auto = new AutoModel(options);
        var series = SyntheticSeries.NoisyConstant(300, 500, 40, seed: 5).Concat(SyntheticSeries.RandomWalk(300, 500, 40, seed: 6));
        var (switches, heldWithinMargin, step) = (0, 0, 0);
        foreach (var value in series)
        {
            var before = auto.Current;
            auto.Observe(value);
            step++;
            var errors = auto.RollingErrors.ToDictionary(e => e.Model, e => e.Error);
            var other = before == ForecastModels.Naive ? ForecastModels.Ewma : ForecastModels.Naive;
            var better = errors[other] < 0.9 * errors[before];
            Assert.True(better == (auto.Current == other),
                $"step {step}: {before} {errors[before]:F3}, {other} {errors[other]:F3}, now {auto.Current}");
            switches += auto.Current == other ? 1 : 0;
            heldWithinMargin += !better && errors[other] < errors[before] ? 1 : 0;
        }
        Assert.True(switches >= 2, $"{switches} switches");
        Assert.True(heldWithinMargin > 0, "the other candidate was never better by less than the margin");
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
