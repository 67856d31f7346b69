using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

public sealed class RealTraceForecastTests
{
    [Fact]
    public void Auto_has_a_lower_mean_mae_at_horizon_5_than_the_baselines_on_the_busy_functions_of_day_1()
    {
        // The mean scores cover only functions averaging >= 1 invocation per minute, so only those are replayed here.
        var busy = AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1).Where(s => s.MeanPerMinute >= 1).ToList();
        Assert.Equal(40, busy.Count);
        var options = new ForecastEvaluationOptions
        {
            Models = [ForecastModels.Naive, ForecastModels.SeasonalNaive, ForecastModels.Ewma, ForecastModels.Auto],
            Horizons = [5],
        };
        var report = ForecastEvaluator.Evaluate("azure2019-minute-d01.csv", busy, options).Report;
        var auto = report.Models[ForecastModels.Auto].Horizons["5"].Mae;
        foreach (var baseline in new[] { ForecastModels.Naive, ForecastModels.SeasonalNaive, ForecastModels.Ewma })
            Assert.True(auto < report.Models[baseline].Horizons["5"].Mae, $"auto {auto:F3} vs {baseline} {report.Models[baseline].Horizons["5"].Mae:F3}");
        Assert.Equal(40, report.Models[ForecastModels.Auto].Horizons["5"].Functions);
    }
}
