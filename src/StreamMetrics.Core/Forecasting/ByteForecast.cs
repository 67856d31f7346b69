namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The payload bytes of one event type, forecast beside its arrivals by a model of the same kind: the bytes counted so
/// far in the bucket filling now, and the forecast total of the next bucket with its bounds.
/// </summary>
/// <param name="InBucket">Payload bytes (UTF-8) of the events counted so far in the current bucket.</param>
/// <param name="NextBucket">Forecast payload bytes of the next bucket.</param>
public readonly record struct ByteForecast(long InBucket, Forecast NextBucket);
