namespace StreamMetrics.Core.Forecasting;

/// <summary>What the forecaster knows about one event type at one moment.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="BucketStart">Start of the bucket that is filling now.</param>
/// <param name="BucketLength">Length of a bucket.</param>
/// <param name="ArrivalsInBucket">Arrivals counted so far in the current bucket.</param>
/// <param name="NextBucket">Forecast arrival count of the next bucket.</param>
public sealed record TypeForecast(
    string EventType,
    DateTimeOffset BucketStart,
    TimeSpan BucketLength,
    long ArrivalsInBucket,
    Forecast NextBucket)
{
    /// <summary>The type's payload bytes, counted and forecast; null where nobody said (a record of an earlier schema).</summary>
    public ByteForecast? Bytes { get; init; }

    /// <summary>Forecast arrivals per second in the next bucket (point value).</summary>
    public double PredictedRatePerSecond => NextBucket.Point / BucketLength.TotalSeconds;

    /// <summary>Upper bound of the forecast arrivals per second in the next bucket.</summary>
    public double PredictedRateUpperPerSecond => NextBucket.Upper / BucketLength.TotalSeconds;

    /// <summary>Forecast arrivals per second in the next bucket, with bounds.</summary>
    public Forecast RatePerSecond => NextBucket.PerSecond(BucketLength);

    /// <summary>Forecast payload bytes per second in the next bucket, with bounds; null where <see cref="Bytes"/> is.</summary>
    public Forecast? BytesPerSecond => Bytes?.NextBucket.PerSecond(BucketLength);
}
