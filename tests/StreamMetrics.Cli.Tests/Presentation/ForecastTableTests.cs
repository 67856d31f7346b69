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

    /// <summary>The built-in function of 14 days, cut to its first two days, and the same at a tenth of the volume.</summary>
    private static List<MinuteSeries> Functions()
    {
        var day = AzureTraceReader.ReadMinutes("azure2019-onefn-14days")[0].PerMinute.Take(2 * 1440).ToArray();
        return [new MinuteSeries("full", "", day), new MinuteSeries("tenth", "", day.Select(c => c / 10).ToArray())];
    }
}
