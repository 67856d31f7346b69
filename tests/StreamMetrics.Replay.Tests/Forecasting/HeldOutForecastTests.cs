using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

/// <summary>
/// The forecasting goals, checked on the evaluation half of day 1: functions no forecasting setting was chosen on.
/// Only the busy functions are replayed, since the means and ratios cover only those.
/// </summary>
public sealed class HeldOutForecastTests
{
    private static readonly Lazy<ForecastReport> Report = new(() =>
    {
        var functions = FunctionSplit.Select(AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1), FunctionHalf.Evaluation)
            .Where(s => s.MeanPerMinute >= 1)
            .ToList();
        return ForecastEvaluator.Evaluate("azure2019-minute-d01.csv", functions, new ForecastEvaluationOptions { Horizons = [1, 5, 15] }).Report;
    });

    [Fact]
    public void Auto_errs_at_most_0_90_of_ewma_at_horizon_5_by_the_geometric_mean_over_functions()
    {
        var ratio = Ratio(ForecastModels.Auto, "5");
        Assert.True(ratio <= 0.90, $"geo-mean MAE(auto)/MAE(ewma) at h5 = {ratio:F3}");
        Assert.Equal(18, Report.Value.Models[ForecastModels.Auto].Horizons["5"].Functions);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("15")]
    public void Auto_is_at_least_as_good_as_every_single_candidate_by_the_geometric_mean(string horizon)
    {
        var auto = Ratio(ForecastModels.Auto, horizon);
        foreach (var member in new[] { ForecastModels.Naive, ForecastModels.SeasonalNaive, ForecastModels.Ewma, ForecastModels.HoltWinters, ForecastModels.Ssa })
            Assert.True(auto <= Ratio(member, horizon), $"h{horizon}: auto {auto:F3} vs {member} {Ratio(member, horizon):F3}");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("15")]
    public void Autos_95_percent_bounds_hold_between_93_and_97_percent_of_buckets(string horizon)
    {
        var coverage = Report.Value.Models[ForecastModels.Auto].Horizons[horizon].Coverage;
        Assert.InRange(coverage, 0.93, 0.97);
    }

    private static double Ratio(string model, string horizon) => Report.Value.Models[model].Horizons[horizon].MaeRatioGeoMean!.Value;
}
