namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// A type's predicted load over the next bucket, as the per-event path needs it: point values per second of both
/// measures the configurator may choose by, without the bounds and bucket of a <see cref="TypeForecast"/>.
/// </summary>
/// <param name="RatePerSecond">Forecast arrivals per second.</param>
/// <param name="BytesPerSecond">Forecast payload bytes per second.</param>
public readonly record struct PredictedLoad(double RatePerSecond, double BytesPerSecond)
{
    /// <summary>The point values of <paramref name="forecast"/>; bytes 0 where it has no bytes forecast.</summary>
    public static PredictedLoad Of(TypeForecast forecast) =>
        new(forecast.PredictedRatePerSecond, forecast.BytesPerSecond?.Point ?? 0);
}
