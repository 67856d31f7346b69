using System.Text.Json;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

public sealed class ForecastEvaluatorTests
{
    [Fact]
    public void Naive_scores_on_a_rising_line_match_the_hand_computed_values()
    {
        // x_t = t: naive is wrong by exactly h; sMAPE of forecast t-h+... is computed per bucket; the one-step naive MAE is 1.
        var series = new MinuteSeries("line", "http", Enumerable.Range(0, 100).ToArray());
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Naive], Horizons = [1, 3], Warmup = 10, BusyThreshold = 0 };
        var report = ForecastEvaluator.Evaluate("synthetic", [series], options).Report;

        var h3 = report.Functions[0].Models["naive"].Horizons["3"];
        Assert.Equal(3, h3.Mae, 9);
        Assert.Equal(3, h3.Mase!.Value, 9);
        var expectedSmape = Enumerable.Range(10, 90).Average(t => 200.0 * 3 / (t + (t - 3)));
        Assert.Equal(expectedSmape, h3.Smape, 9);
        Assert.Equal(1, report.Models["naive"].Horizons["1"].Mae, 9);
        Assert.Equal(1, report.Models["naive"].Horizons["1"].Functions);
    }

    [Fact]
    public void Only_functions_averaging_the_threshold_enter_the_means_but_all_enter_the_weighted_mae()
    {
        var busy = new MinuteSeries("busy", "queue", Enumerable.Range(0, 200).Select(t => t % 2 == 0 ? 10 : 20).ToArray());
        var rare = new MinuteSeries("rare", "timer", Enumerable.Range(0, 200).Select(t => t % 50 == 0 ? 5 : 0).ToArray());
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Naive], Horizons = [1], Warmup = 0 };
        var report = ForecastEvaluator.Evaluate("synthetic", [busy, rare], options).Report;

        var aggregate = report.Models["naive"].Horizons["1"];
        var busyMae = report.Functions.Single(f => f.Function == "busy").Models["naive"].Horizons["1"].Mae;
        var rareMae = report.Functions.Single(f => f.Function == "rare").Models["naive"].Horizons["1"].Mae;
        Assert.Equal(1, aggregate.Functions);
        Assert.Equal(busyMae, aggregate.Mae, 9);
        Assert.Equal((busyMae * busy.Total + rareMae * rare.Total) / (busy.Total + rare.Total), aggregate.MaeWeighted!.Value, 9);
        Assert.Equal(2, report.Settings.FunctionsTotal);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_number_of_threads()
    {
        var random = new Random(17);
        var series = Enumerable.Range(0, 12)
            .Select(i => new MinuteSeries($"f{i}", "http", Enumerable.Range(0, 400).Select(_ => random.Next(0, 30 * (i + 1))).ToArray()))
            .ToList();
        var one = ForecastEvaluator.Evaluate("t", series, new ForecastEvaluationOptions { Parallelism = 1 }).Report;
        var two = ForecastEvaluator.Evaluate("t", series, new ForecastEvaluationOptions { Parallelism = 2 }).Report;
        Assert.Equal(Strip(one), Strip(two));
    }

    [Fact]
    public void The_json_report_has_the_keys_the_checks_read()
    {
        var series = new MinuteSeries("f", "http", Enumerable.Range(0, 300).Select(t => 5 + t % 7).ToArray());
        var report = ForecastEvaluator.Evaluate("t", [series], new ForecastEvaluationOptions { Horizons = [1, 5, 15] }).Report;
        using var json = JsonDocument.Parse(ForecastReportJson.Serialize(report));
        foreach (var model in ForecastModels.Standalone)
        {
            foreach (var horizon in new[] { "1", "5", "15" })
            {
                var scores = json.RootElement.GetProperty("models").GetProperty(model).GetProperty("horizons").GetProperty(horizon);
                foreach (var key in new[] { "mae", "smape", "mase", "coverage", "maeWeighted" })
                    Assert.Equal(JsonValueKind.Number, scores.GetProperty(key).ValueKind);
                var perFunction = json.RootElement.GetProperty("functions")[0].GetProperty("models").GetProperty(model).GetProperty("horizons").GetProperty(horizon);
                Assert.Equal(JsonValueKind.Number, perFunction.GetProperty("mae").ValueKind);
            }
        }
    }

    [Fact]
    public void Kept_states_restore_into_a_forecaster_that_continues_the_trained_model()
    {
        var values = Enumerable.Range(0, 300).Select(t => 50 + (t % 20)).ToArray();
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Auto], Horizons = [1], KeepStates = true };
        var evaluation = ForecastEvaluator.Evaluate("t", [new MinuteSeries("f", "http", values)], options);

        var trained = ForecastModels.Create(ForecastModels.Auto, options.ModelOptions);
        foreach (var value in values)
            trained.Observe(value);
        var forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Auto, options.ModelOptions),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        forecaster.RestoreState("f", evaluation.States["f"]);
        Assert.True(forecaster.TryPredict("f", 5, out var restored));
        Assert.Equal(trained.Predict(5), restored);
    }

    private static string Strip(ForecastReport report) =>
        ForecastReportJson.Serialize(report with { Settings = report.Settings with { ElapsedSeconds = 0 } });
}
