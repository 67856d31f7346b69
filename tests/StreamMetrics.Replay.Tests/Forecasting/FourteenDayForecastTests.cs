using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

/// <summary>The one function recorded over 14 days, outside the 300 of day 1: a check that no setting fits only that day.</summary>
public sealed class FourteenDayForecastTests
{
    [Fact]
    public void Over_14_days_auto_errs_less_than_ewma_at_every_horizon_and_its_bounds_hold_93_to_97_percent()
    {
        var series = AzureTraceReader.ReadMinutes(RepositoryTraces.OneFunction14Days);
        var options = new ForecastEvaluationOptions { Models = [ForecastModels.Ewma, ForecastModels.Auto], Horizons = [1, 5, 15] };
        var report = ForecastEvaluator.Evaluate("azure2019-onefn-14days.csv", series, options).Report;

        foreach (var horizon in new[] { "1", "5", "15" })
        {
            var auto = report.Models[ForecastModels.Auto].Horizons[horizon];
            var ewma = report.Models[ForecastModels.Ewma].Horizons[horizon];
            Assert.True(auto.Mae < ewma.Mae, $"h{horizon}: auto {auto.Mae:F3} vs ewma {ewma.Mae:F3}");
            Assert.InRange(auto.Coverage, 0.93, 0.97);
        }
    }
}
