using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>The pool serves every type, so its forecast is the sum of the types' forecasts.</summary>
internal static class PoolForecast
{
    public static TypeForecast? Sum(IReadOnlyList<TypeForecast> forecasts, TimeSpan bucketLength)
    {
        if (forecasts.Count == 0)
            return null;
        var point = forecasts.Sum(f => f.NextBucket.Point);
        var lower = forecasts.Sum(f => f.NextBucket.Lower);
        var upper = forecasts.Sum(f => f.NextBucket.Upper);
        return new TypeForecast("pool", forecasts.Max(f => f.BucketStart), bucketLength, forecasts.Sum(f => f.ArrivalsInBucket), new Forecast(point, lower, upper));
    }
}
