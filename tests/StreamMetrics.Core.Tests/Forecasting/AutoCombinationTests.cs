using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class AutoCombinationTests
{
    [Fact]
    public void The_clearly_best_candidate_gets_most_of_the_weight_and_the_combination_errs_about_as_little()
    {
        // A random walk: the last value is the best forecast, a slow average is far behind.
        var series = SyntheticSeries.RandomWalk(1500, 500, 40, seed: 2);
        var options = new ForecastModelOptions { AutoCandidates = [ForecastModels.Ewma, ForecastModels.Naive], EwmaAlpha = 0.01 };
        var (auto, errors) = Score(series, options, [ForecastModels.Ewma, ForecastModels.Naive], horizon: 1);

        Assert.True(Weight(auto, ForecastModels.Naive, 1) > 0.95, Describe(auto.WeightsAt(1)));
        Assert.True(errors[ForecastModels.Auto] < 1.05 * errors[ForecastModels.Naive], Describe(errors));
        Assert.True(errors[ForecastModels.Auto] < 0.8 * errors[ForecastModels.Ewma], Describe(errors));
    }

    [Fact]
    public void Two_equal_candidates_get_equal_weights_and_the_combination_forecasts_what_each_does()
    {
        var options = new ForecastModelOptions { AutoCandidates = [ForecastModels.Naive, ForecastModels.Naive] };
        var auto = new AutoModel(options);
        var naive = ForecastModels.Create(ForecastModels.Naive, options);
        foreach (var value in SyntheticSeries.NoisyConstant(300, 50, 40, seed: 4))
        {
            auto.Observe(value);
            naive.Observe(value);
            foreach (var horizon in new[] { 1, 3, 5, 15, 30 })
            {
                Assert.All(auto.WeightsAt(horizon), w => Assert.Equal(0.5, w.Weight, 12));
                Assert.Equal(naive.Predict(horizon).Point, auto.Predict(horizon).Point, 9);
            }
        }
    }

    [Fact]
    public void The_combined_point_always_lies_between_the_candidates_so_its_error_never_exceeds_the_worst_ones()
    {
        var options = new ForecastModelOptions { SeasonLength = 60 };
        var auto = new AutoModel(options);
        var candidates = options.AutoCandidates.Where(n => n != ForecastModels.Gbm).Select(n => ForecastModels.Create(n, options)).ToList();
        var random = new Random(7);
        for (var t = 0; t < 600; t++)
        {
            var value = Math.Max(0, 80 + 60 * Math.Sin(t / 15.0) + random.Next(-30, 31) + (t % 97 == 0 ? 400 : 0));
            auto.Observe(value);
            candidates.ForEach(c => c.Observe(value));
            foreach (var horizon in new[] { 1, 2, 5, 7, 15 })
            {
                var points = candidates.Select(c => c.Predict(horizon).Point).ToList();
                Assert.InRange(auto.Predict(horizon).Point, points.Min() - 1e-9, points.Max() + 1e-9);
            }
        }
    }

    [Fact]
    public void Each_horizon_weighs_the_candidates_by_their_errors_at_that_horizon()
    {
        // A timer firing every 5 buckets: the last value is exact 5 buckets ahead and wrong 1 ahead, where the average
        // of the last buckets is closer.
        var series = Enumerable.Range(0, 600).Select(t => t % 5 == 0 ? 100.0 : 0).ToArray();
        var auto = new AutoModel(new ForecastModelOptions { AutoCandidates = [ForecastModels.Ewma, ForecastModels.Naive] });
        foreach (var value in series)
            auto.Observe(value);

        Assert.True(Weight(auto, ForecastModels.Naive, 5) > 0.9, Describe(auto.WeightsAt(5)));
        Assert.True(Weight(auto, ForecastModels.Naive, 1) < 0.5, Describe(auto.WeightsAt(1)));
        var fiveAhead = (series.Length - 1 + 5) % 5 == 0 ? 100 : 0;
        Assert.InRange(auto.Predict(5).Point, fiveAhead - 10, fiveAhead + 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    public void Bounds_calibrated_on_the_combinations_own_errors_cover_about_95_percent(int horizon)
    {
        // Bounded (uniform) noise around a level that moves: the candidates' bounds, which assume normal errors, hold
        // nearly every bucket, so they are too wide until calibrated on the combination's misses.
        var random = new Random(11);
        var series = Enumerable.Range(0, 4000)
            .Select(t => Math.Round(200 + 150 * Math.Sin(2 * Math.PI * t / 700) + 30 * (2 * random.NextDouble() - 1)))
            .ToArray();
        var auto = new AutoModel(new ForecastModelOptions());
        int inside = 0, scored = 0;
        var pending = new Queue<Forecast>();
        for (var t = 0; t < series.Length; t++)
        {
            if (pending.Count == horizon)
            {
                var forecast = pending.Dequeue();
                if (t >= 500)
                {
                    scored++;
                    inside += series[t] >= forecast.Lower && series[t] <= forecast.Upper ? 1 : 0;
                }
            }
            auto.Observe(series[t]);
            pending.Enqueue(auto.Predict(horizon));
        }
        Assert.InRange((double)inside / scored, 0.93, 0.97);
    }

    [Fact]
    public void Wrong_combination_settings_are_refused_naming_the_key_and_the_value()
    {
        var horizons = Assert.Throws<ArgumentException>(() => new ForecastModelOptions { AutoHorizons = [5, 1] }.Validate());
        Assert.Contains("auto-horizons = 5,1", horizons.Message);
        var power = Assert.Throws<ArgumentException>(() => new ForecastModelOptions { AutoWeightPower = 65 }.Validate());
        Assert.Contains("auto-weight-power = 65, must be between 0 and 64", power.Message);
        var shrinkage = Assert.Throws<ArgumentException>(() => new ForecastModelOptions { AutoShrinkage = -0.1 }.Validate());
        Assert.Contains("auto-shrinkage = -0.1", shrinkage.Message);
        var step = Assert.Throws<ArgumentException>(() => new ForecastModelOptions { AutoIntervalStep = 0 }.Validate());
        Assert.Contains("auto-interval-step = 0, must be between 0.001 and 1", step.Message);
    }

    [Fact]
    public void A_state_written_by_the_selecting_auto_is_refused_with_a_clear_error()
    {
        // The selecting auto wrote: candidate count, horizon, buckets observed, current candidate, errors, ...
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)1);
            writer.Write(false);
            writer.Write(0L);
            writer.Write(0L);
            writer.Write(ForecastModels.Auto);
            writer.Write(5);
            writer.Write(5);
            writer.Write(300L);
            writer.Write(2);
        }
        var error = Assert.Throws<InvalidDataException>(() => ForecasterState.Decode(stream.ToArray(), new AutoModel(new ForecastModelOptions())));
        Assert.Contains("selecting format", error.Message);
        Assert.Contains("--save-state", error.Message);
    }

    private static (AutoModel Auto, Dictionary<string, double> Errors) Score(double[] series, ForecastModelOptions options, string[] members, int horizon)
    {
        var auto = new AutoModel(options);
        var models = members.Select(m => ForecastModels.Create(m, options)).Append<IForecastModel>(auto).ToList();
        var sums = models.ToDictionary(m => m.Name, _ => 0.0);
        var pending = models.ToDictionary(m => m.Name, _ => new Queue<double>());
        for (var t = 0; t < series.Length; t++)
        {
            foreach (var model in models)
            {
                var queue = pending[model.Name];
                if (queue.Count == horizon && queue.Dequeue() is var forecast && t >= 200)
                    sums[model.Name] += Math.Abs(series[t] - forecast);
                model.Observe(series[t]);
                queue.Enqueue(model.Predict(horizon).Point);
            }
        }

        return (auto, sums);
    }

    private static double Weight(AutoModel auto, string model, int horizon) => auto.WeightsAt(horizon).Single(w => w.Model == model).Weight;

    private static string Describe(IEnumerable<(string Model, double Value)> values) => string.Join(", ", values.Select(v => $"{v.Model} {v.Value:F3}"));

    private static string Describe(Dictionary<string, double> errors) => string.Join(", ", errors.Select(e => $"{e.Key} {e.Value:F1}"));
}
