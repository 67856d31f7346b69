using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Scaling;

/// <summary>The one place that chooses the forecasting model the predictive policy uses, in the pipeline and the simulator.</summary>
public static class ForecasterChoice
{
    /// <summary>A new, empty model for one scope: <c>auto</c>, the pipeline's default, so simulated and live decisions use one forecaster.</summary>
    public static Func<IForecastModel> Default { get; } = () => ForecastModels.Create(ForecastModels.Auto, new ForecastModelOptions());
}
