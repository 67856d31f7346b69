namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// A type's forecast as the per-event path needs it: the same figures as a <see cref="TypeForecast"/> (the bucket
/// filling now, its arrivals so far, the next bucket's arrivals and payload bytes with bounds), as a value, so that
/// tagging an event with its forecast allocates nothing.
/// </summary>
/// <param name="BucketStart">Start of the bucket that is filling now.</param>
/// <param name="BucketLength">Length of a bucket.</param>
/// <param name="ArrivalsInBucket">Arrivals counted so far in the current bucket.</param>
/// <param name="NextBucket">Forecast arrival count of the next bucket.</param>
/// <param name="NextBucketBytes">Forecast payload bytes of the next bucket; all zero where nobody said.</param>
public readonly record struct PredictedLoad(
    DateTimeOffset BucketStart,
    TimeSpan BucketLength,
    long ArrivalsInBucket,
    Forecast NextBucket,
    Forecast NextBucketBytes)
{
    /// <summary>
    /// When the forecaster counted the event this load was read for; the default value where nobody said. The
    /// configurator takes it as the time it sees the type, rather than reading the clock again.
    /// </summary>
    public DateTimeOffset CountedAt { get; init; }

    /// <summary>Forecast arrivals per second in the next bucket (point value).</summary>
    public double RatePerSecond => NextBucket.Point / BucketLength.TotalSeconds;

    /// <summary>Forecast payload bytes per second in the next bucket (point value).</summary>
    public double BytesPerSecond => NextBucketBytes.Point / BucketLength.TotalSeconds;

    /// <summary>The figures of <paramref name="forecast"/>; bytes all zero where it has no bytes forecast.</summary>
    public static PredictedLoad Of(TypeForecast forecast) =>
        new(forecast.BucketStart, forecast.BucketLength, forecast.ArrivalsInBucket, forecast.NextBucket, forecast.Bytes?.NextBucket ?? default);
}
