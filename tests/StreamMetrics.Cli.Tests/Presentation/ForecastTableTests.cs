using System.Globalization;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Cli.Tests.Presentation;

public sealed class ForecastTableTests
{
    [Fact]
    public void The_table_shows_each_models_geometric_mean_ratio_against_ewma()
    {
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Naive, ForecastModels.Ewma], Horizons = [5], Warmup = 20 };
        var report = ForecastEvaluator.Evaluate("synthetic", Functions(), options).Report;

        var table = ForecastTable.Format(report);

        Assert.Contains("MAE/ewma(geo)", table);
        var naive = report.Models["naive"].Horizons["5"].MaeRatioGeoMean!.Value;
        Assert.Contains(naive.ToString("F3", CultureInfo.InvariantCulture), table.Split('\n').Single(l => l.StartsWith("naive", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_ewma_among_the_models_the_table_has_no_ratio_column()
    {
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Naive], Horizons = [1], Warmup = 20 };
        var report = ForecastEvaluator.Evaluate("synthetic", Functions(), options).Report;

        Assert.DoesNotContain("(geo)", ForecastTable.Format(report));
    }

    private static List<MinuteSeries> Functions()
    {
        var random = new Random(31);
        var noisy = Enumerable.Range(0, 200).Select(_ => 50 + random.Next(-20, 21)).ToArray();
        var walk = new int[200];
        walk[0] = 200;
        for (var t = 1; t < walk.Length; t++)
            walk[t] = Math.Max(0, walk[t - 1] + random.Next(-10, 11));
        return [new MinuteSeries("noisy", "http", noisy), new MinuteSeries("walk", "http", walk)];
    }
}
