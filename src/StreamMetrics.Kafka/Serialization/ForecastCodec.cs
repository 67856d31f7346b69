using Avro;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// <see cref="TypeForecast"/> (with the time it was made and the type's status) as schema <c>Forecast</c> (version 3);
/// also reads records of version 1, which carried no status, and of version 2, which carried no payload bytes.
/// </summary>
public sealed class ForecastCodec() : AvroRecordCodec<ForecastRecord>(AvroSchemas.Forecast)
{
    public byte[] Encode(TypeForecast forecast, DateTimeOffset at) => Encode(new ForecastRecord(forecast, at));

    public byte[] Encode(TypeForecast forecast, TypeStatus status, DateTimeOffset at) => Encode(new ForecastRecord(forecast, at) { Status = status });

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
        var status = value.Status;
        encoder.WriteOptional(status.Profile);
        encoder.WriteOptional(status.Instances);
        encoder.WriteOptional(status.Executing);
        encoder.WriteOptional(status.ColdStarts);
        if (f.Bytes is not { } bytes)
        {
            encoder.WriteUnionIndex(0);
            return;
        }
        encoder.WriteUnionIndex(1);
        encoder.WriteLong(bytes.InBucket);
        encoder.WriteDouble(bytes.NextBucket.Point);
        encoder.WriteDouble(bytes.NextBucket.Lower);
        encoder.WriteDouble(bytes.NextBucket.Upper);
        encoder.WriteDouble(bytes.NextBucket.Point / f.BucketLength.TotalSeconds);
    }

    private protected override ForecastRecord Read(ref AvroSpanReader reader)
    {
        var record = ReadSecondVersion(ref reader);
        if (!reader.ReadOptionalPresent())
            return record;
        var inBucket = reader.ReadLong();
        var next = new Forecast(Point: reader.ReadDouble(), Lower: reader.ReadDouble(), Upper: reader.ReadDouble());
        _ = reader.ReadDouble(); // predictedBytesPerSecond is derived from point and bucketSeconds
        return record with { Forecast = record.Forecast with { Bytes = new ByteForecast(inBucket, next) } };
    }

    /// <summary>
    /// Version 1 ends after <c>ts</c>, version 2 after <c>coldStarts</c> (it has <c>profile</c>); the fields added since
    /// take their default, null.
    /// </summary>
    private protected override ForecastRecord ReadEarlier(ref AvroSpanReader reader, RecordSchema writer) =>
        writer.Contains("profile") ? ReadSecondVersion(ref reader) : ReadFirstVersion(ref reader);

    private static ForecastRecord ReadSecondVersion(ref AvroSpanReader reader)
    {
        var record = ReadFirstVersion(ref reader);
        var profile = reader.ReadOptionalPresent() ? reader.ReadString() : null;
        int? instances = reader.ReadOptionalPresent() ? reader.ReadInt() : null;
        int? executing = reader.ReadOptionalPresent() ? reader.ReadInt() : null;
        long? coldStarts = reader.ReadOptionalPresent() ? reader.ReadLong() : null;
        return record with { Status = new TypeStatus(profile, instances, executing, coldStarts) };
    }

    private static ForecastRecord ReadFirstVersion(ref AvroSpanReader reader)
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
