using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Kafka.Serialization;

/// <summary><see cref="TypeForecast"/> (with the time it was made) as schema <c>Forecast</c>.</summary>
public sealed class ForecastCodec() : AvroRecordCodec<ForecastRecord>(AvroSchemas.Forecast)
{
    public byte[] Encode(TypeForecast forecast, DateTimeOffset at) => Encode(new ForecastRecord(forecast, at));

    private protected override void Write(ref AvroBufferWriter encoder, ForecastRecord value)
    {
        var f = value.Forecast;
        encoder.WriteString(f.EventType);
        encoder.WriteLong(Millis(f.BucketStart));
        encoder.WriteDouble(f.BucketLength.TotalSeconds);
        encoder.WriteLong(f.ArrivalsInBucket);
        encoder.WriteDouble(f.NextBucket.Point);
        encoder.WriteDouble(f.NextBucket.Lower);
        encoder.WriteDouble(f.NextBucket.Upper);
        encoder.WriteDouble(f.PredictedRatePerSecond);
        encoder.WriteLong(Millis(value.At));
    }

    private protected override ForecastRecord Read(ref AvroSpanReader reader)
    {
        var eventType = reader.ReadString();
        var bucketStart = reader.ReadTimestampMillis();
        var bucketSeconds = reader.ReadDouble();
        if (!(bucketSeconds > 0) || double.IsInfinity(bucketSeconds))
            throw new InvalidDataException($"bucketSeconds = {bucketSeconds}, must be positive");
        var arrivals = reader.ReadLong();
        var next = new Forecast(Point: reader.ReadDouble(), Lower: reader.ReadDouble(), Upper: reader.ReadDouble());
        _ = reader.ReadDouble(); // predictedRatePerSecond is derived from point and bucketSeconds
        var at = reader.ReadTimestampMillis();
        return new ForecastRecord(new TypeForecast(eventType, bucketStart, TimeSpan.FromSeconds(bucketSeconds), arrivals, next), at);
    }
}
