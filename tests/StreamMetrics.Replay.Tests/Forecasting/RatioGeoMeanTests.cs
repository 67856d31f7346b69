using System.Text.Json;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

public sealed class RatioGeoMeanTests
{
    private static readonly ForecastEvaluationOptions NaiveAndEwma = new()
    {
        Models = [ForecastModels.Naive, ForecastModels.Ewma],
        Horizons = [1, 5],
        Warmup = 20,
    };

    [Fact]
    public void The_geometric_mean_is_taken_over_the_per_function_mae_ratios_against_ewma()
    {
        var functions = Functions(scaleOfSecond: 1);
        var report = ForecastEvaluator.Evaluate("synthetic", functions, NaiveAndEwma).Report;

        Assert.Equal(ForecastModels.Ewma, report.Settings.RatioReference);
        foreach (var horizon in new[] { "1", "5" })
        {
            var expected = Math.Exp(report.Functions.Average(f =>
                Math.Log(f.Models["naive"].Horizons[horizon].Mae / f.Models["ewma"].Horizons[horizon].Mae)));
            Assert.Equal(expected, report.Models["naive"].Horizons[horizon].MaeRatioGeoMean!.Value, 9);
            Assert.Equal(1, report.Models["ewma"].Horizons[horizon].MaeRatioGeoMean!.Value, 12);
        }
    }

    [Fact]
    public void A_function_with_a_hundred_times_the_volume_weighs_no_more_in_the_geometric_mean()
    {
        // Naive and ewma scale with their input, so each function's ratio is the same at any volume, while the plain
        // mean MAE follows the large function.
        var even = ForecastEvaluator.Evaluate("synthetic", Functions(scaleOfSecond: 1), NaiveAndEwma).Report.Models["naive"].Horizons["5"];
        var lopsided = ForecastEvaluator.Evaluate("synthetic", Functions(scaleOfSecond: 100), NaiveAndEwma).Report.Models["naive"].Horizons["5"];

        Assert.Equal(even.MaeRatioGeoMean!.Value, lopsided.MaeRatioGeoMean!.Value, 9);
        Assert.True(lopsided.Mae > 20 * even.Mae, $"mean MAE {lopsided.Mae:F3} vs {even.Mae:F3}");
    }

    [Fact]
    public void Without_ewma_among_the_models_the_report_has_no_ratio()
    {
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Naive], Horizons = [1], Warmup = 20 };
        var report = ForecastEvaluator.Evaluate("synthetic", Functions(scaleOfSecond: 1), options).Report;

        Assert.Null(report.Settings.RatioReference);
        Assert.Null(report.Models["naive"].Horizons["1"].MaeRatioGeoMean);
    }

    [Fact]
    public void The_json_report_carries_the_ratio()
    {
        var report = ForecastEvaluator.Evaluate("synthetic", Functions(scaleOfSecond: 1), NaiveAndEwma).Report;
        using var json = JsonDocument.Parse(ForecastReportJson.Serialize(report));

        Assert.Equal("ewma", json.RootElement.GetProperty("settings").GetProperty("ratioReference").GetString());
        var naive5 = json.RootElement.GetProperty("models").GetProperty("naive").GetProperty("horizons").GetProperty("5");
        Assert.Equal(JsonValueKind.Number, naive5.GetProperty("maeRatioGeoMean").ValueKind);
    }

    /// <summary>A noisy level, where ewma beats naive, and a random walk, where naive beats ewma.</summary>
    private static List<MinuteSeries> Functions(int scaleOfSecond)
    {
        var random = new Random(31);
        var noisy = Enumerable.Range(0, 400).Select(_ => 50 + random.Next(-20, 21)).ToArray();
        var walk = new int[400];
        walk[0] = 200;
        for (var t = 1; t < walk.Length; t++)
            walk[t] = Math.Max(0, walk[t - 1] + random.Next(-10, 11));
        return [new MinuteSeries("noisy", "http", noisy), new MinuteSeries("walk", "http", walk.Select(v => v * scaleOfSecond).ToArray())];
    }
}
