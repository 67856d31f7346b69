namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// An online model of one event type's arrival counts per bucket.
/// </summary>
public interface IForecastModel
{
    /// <summary>Short name used on the command line and in reports (<c>ewma</c>, <c>ssa</c>, ...).</summary>
    string Name { get; }

    /// <summary>Feeds the count of the bucket that just closed.</summary>
    void Observe(double count);

    /// <summary>Forecasts the bucket <paramref name="horizon"/> steps after the last observed one (1 = next).</summary>
    Forecast Predict(int horizon);
}
