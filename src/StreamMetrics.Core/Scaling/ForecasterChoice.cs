using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Scaling;

/// <summary>The one place that chooses the forecasting model the predictive policy uses, in the pipeline and the simulator.</summary>
public static class ForecasterChoice
{
    /// <summary>A new, empty model for one scope.</summary>
    public static Func<IForecastModel> Default { get; } = () => new EwmaModel();
}
