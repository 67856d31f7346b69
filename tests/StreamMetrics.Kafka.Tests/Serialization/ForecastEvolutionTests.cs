using Avro.Generic;
using Avro.IO;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Serialization;
using static StreamMetrics.Kafka.Tests.Serialization.SchemaFileRecords;

namespace StreamMetrics.Kafka.Tests.Serialization;

/// <summary>
/// Forecast gained the payload bytes the Avro way: version 2 (with the status, without the bytes) stays embedded under
/// its fingerprint and its records still decode, with the new field at its default; version 1 records still do too.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ForecastEvolutionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);

    /// <summary>The fingerprint every Forecast record published with the status and before the bytes carries.</summary>
    private const string SecondForecastFingerprint = "0833B92A2705AB56";

    [Fact]
    public void A_record_written_with_version_2_decodes_with_its_status_and_no_bytes()
    {
        var decoded = AvroCodecs.Forecast.Decode(Version2Record("checkout", 42));

        Assert.Equal(new TypeForecast("checkout", At.AddSeconds(-30), TimeSpan.FromMinutes(1), 42, new Forecast(120, 90, 150)), decoded.Forecast);
        Assert.Null(decoded.Forecast.Bytes);
        Assert.Null(decoded.Forecast.BytesPerSecond);
        Assert.Equal(new TypeStatus("standard", 5, 2, 17), decoded.Status);
        Assert.Equal(At, decoded.At);
    }

    [Fact]
    public void Version_2_is_embedded_under_the_fingerprint_its_records_carry_and_differs_from_versions_1_and_3()
    {
        var version1 = AvroSchemas.Fingerprint(FileSchema("earlier", "Forecast.1.avsc"));
        var version2 = AvroSchemas.Fingerprint(FileSchema("earlier", "Forecast.2.avsc"));

        Assert.Equal(SecondForecastFingerprint, SingleObjectEncoding.FingerprintHex(version2));
        Assert.Equal(3, new[] { version1, version2, AvroCodecs.Forecast.Fingerprint }.Distinct().Count());
        Assert.True(AvroCodecs.Forecast.Reads(version1));
        Assert.True(AvroCodecs.Forecast.Reads(version2));
        Assert.Equal("Forecast", AvroSchemas.ByFingerprint[version2].Name);
        Assert.Same(AvroSchemas.Forecast, AvroSchemas.ByFingerprint[AvroCodecs.Forecast.Fingerprint]);
    }

    [Fact]
    public void Apache_Avro_resolves_a_version_2_record_against_version_3_to_what_our_codec_reads()
    {
        var bytes = Version2Record("search", 7);
        using var body = new MemoryStream(bytes, SingleObjectEncoding.HeaderLength, bytes.Length - SingleObjectEncoding.HeaderLength);

        var resolved = new GenericDatumReader<GenericRecord>(FileSchema("earlier", "Forecast.2.avsc"), FileSchema("Forecast.avsc"))
            .Read(null!, new BinaryDecoder(body));

        Assert.Null(resolved["bytes"]);
        Assert.Equal("standard", resolved["profile"]);
        Assert.Equal(7L, resolved["arrivalsInBucket"]);
        Assert.Equal(AvroCodecs.Forecast.Decode(bytes).Forecast.ArrivalsInBucket, (long)resolved["arrivalsInBucket"]);
    }

    [Fact]
    public void Watch_decodes_versions_2_and_3_with_the_keys_of_version_3_and_shows_the_bytes_of_version_3()
    {
        var forecast = new TypeForecast("checkout", At.AddSeconds(-30), TimeSpan.FromMinutes(1), 42, new Forecast(120, 90, 150))
        {
            Bytes = new ByteForecast(2_048, new Forecast(6_000, 3_000, 9_000)),
        };
        var version3 = AvroCodecs.Forecast.Encode(forecast, new TypeStatus("debug", 1, 0, 1), At);

        Assert.True(AnyRecordDecoder.TryDecode(Version2Record("checkout", 42), out var old, out var error), error);
        Assert.True(AnyRecordDecoder.TryDecode(version3, out var current, out error), error);

        Assert.Equal(["schema", .. AvroSchemas.Forecast.Fields.Select(f => f.Name)], old.Select(p => p.Key));
        Assert.Null(old["bytes"]);
        Assert.Equal("standard", (string?)old["profile"]);
        Assert.Equal(2_048L, (long?)current["bytes"]?["inBucket"]);
        Assert.Equal(9_000.0, (double?)current["bytes"]?["upper"]);
        Assert.Equal(100.0, (double?)current["bytes"]?["predictedBytesPerSecond"]);
    }

    /// <summary>What a StreamMetrics before version 3 published: Apache.Avro's generic writer with the version 2 file.</summary>
    private static byte[] Version2Record(string type, long arrivals)
    {
        var schema = FileSchema("earlier", "Forecast.2.avsc");
        var record = new GenericRecord(schema);
        foreach (var (field, value) in new (string, object)[]
                 {
                     ("eventType", type), ("bucketStart", At.AddSeconds(-30).UtcDateTime), ("bucketSeconds", 60.0), ("arrivalsInBucket", arrivals),
                     ("point", 120.0), ("lower", 90.0), ("upper", 150.0), ("predictedRatePerSecond", 2.0), ("ts", At.UtcDateTime),
                     ("profile", "standard"), ("instances", 5), ("executing", 2), ("coldStarts", 17L),
                 })
        {
            record.Add(field, value);
        }
        return SingleObject(record);
    }
}
