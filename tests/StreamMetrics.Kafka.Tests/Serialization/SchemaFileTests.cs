using Avro;
using Avro.Generic;
using Avro.IO;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

/// <summary>schemas/*.avsc is the source of truth: the codecs must write exactly those schemas, byte for byte.</summary>
public sealed class SchemaFileTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);

    private static RecordSchema FileSchema(string name) =>
        (RecordSchema)Schema.Parse(File.ReadAllText(RepositoryFiles.Path("schemas", $"{name}.avsc")));

    [Fact]
    public void Every_schema_file_is_embedded_with_the_same_fingerprint()
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("schemas"), "*.avsc");
        Assert.Equal(5, files.Length);
        foreach (var file in files)
        {
            var schema = (RecordSchema)Schema.Parse(File.ReadAllText(file));
            Assert.Equal("streammetrics", schema.Namespace);
            Assert.Equal(System.IO.Path.GetFileNameWithoutExtension(file), schema.Name);
            var embedded = AvroSchemas.ByFingerprint[AvroSchemas.Fingerprint(schema)];
            Assert.Equal(schema.Fullname, embedded.Fullname);
        }
    }

    [Fact]
    public void Event_codec_writes_the_Event_schema()
    {
        var value = new StreamEvent("checkout", "o-17", At, """{"amount":12.5}""");
        var bytes = AvroCodecs.Event.Encode(value);
        var generic = Record("Event", ("type", "checkout"), ("key", "o-17"), ("ts", At.UtcDateTime), ("payload", """{"amount":12.5}"""));
        AssertSameAsGenericWriter(generic, bytes);
        Assert.Equal(value, AvroCodecs.Event.Decode(bytes));
        Assert.Equal(value with { Payload = null }, AvroCodecs.Event.Decode(AvroCodecs.Event.Encode(value with { Payload = null })));
    }

    [Fact]
    public void MetricSample_codec_writes_the_MetricSample_schema()
    {
        var value = new MetricSample("checkout", "debug", "latency_ms", 3.25, At, "i-4", new SourceIdentity("events", 3, 1234));
        var bytes = AvroCodecs.MetricSample.Encode(value);
        var schema = FileSchema("MetricSample");
        var source = new GenericRecord((RecordSchema)((UnionSchema)schema["source"].Schema)[1]);
        source.Add("topic", "events");
        source.Add("partition", 3);
        source.Add("offset", 1234L);
        var generic = Record("MetricSample", ("eventType", "checkout"), ("profile", "debug"), ("metric", "latency_ms"),
            ("value", 3.25), ("ts", At.UtcDateTime), ("instanceId", "i-4"), ("source", source));
        AssertSameAsGenericWriter(generic, bytes);
        Assert.Equal(value, AvroCodecs.MetricSample.Decode(bytes));
        var withoutSource = value with { Source = null };
        Assert.Equal(withoutSource, AvroCodecs.MetricSample.Decode(AvroCodecs.MetricSample.Encode(withoutSource)));
    }

    [Fact]
    public void MetricSample_records_written_again_and_again_and_into_reused_arrays_stay_byte_for_byte_the_schema()
    {
        var schema = FileSchema("MetricSample");
        var arrays = new ExactLengthArrayPool();
        var sample = new MetricSample("checkout-Zoë", "debug", "latency_ms", 3.25, At, "checkout-Zoë/000004");
        byte[]? last = null;
        for (var offset = 1230L; offset < 1234; offset++)
        {
            // The same string objects each time, then equal strings that are other objects.
            var written = offset % 2 == 0 ? sample : sample with { EventType = new string(sample.EventType), InstanceId = new string(sample.InstanceId) };
            var bytes = AvroCodecs.MetricSample.Encode(written, "events", 3, offset, arrays, last);
            var source = new GenericRecord((RecordSchema)((UnionSchema)schema["source"].Schema)[1]);
            source.Add("topic", "events");
            source.Add("partition", 3);
            source.Add("offset", offset);
            var generic = Record("MetricSample", ("eventType", "checkout-Zoë"), ("profile", "debug"), ("metric", "latency_ms"),
                ("value", 3.25), ("ts", At.UtcDateTime), ("instanceId", "checkout-Zoë/000004"), ("source", source));
            AssertSameAsGenericWriter(generic, bytes);
            if (last is not null)
                Assert.Same(last, bytes);
            last = bytes;
        }

        var longer = AvroCodecs.MetricSample.Encode(sample, "events", 3, long.MaxValue, arrays, last);

        Assert.NotSame(last, longer);
        Assert.Equal(1, arrays.Idle);
        Assert.Equal(new SourceIdentity("events", 3, long.MaxValue), AvroCodecs.MetricSample.Decode(longer).Source);
    }

    [Fact]
    public void Forecast_codec_writes_the_Forecast_schema()
    {
        var forecast = new TypeForecast("checkout", At.AddSeconds(-30), TimeSpan.FromMinutes(1), 42, new Forecast(120, 90, 150))
        {
            Bytes = new ByteForecast(21_000, new Forecast(60_000, 45_000, 75_000)),
        };
        var status = new TypeStatus("standard", 5, 2, 17);
        var bytes = AvroCodecs.Forecast.Encode(forecast, status, At);
        var volume = new GenericRecord((RecordSchema)((UnionSchema)FileSchema("Forecast")["bytes"].Schema)[1]);
        foreach (var (field, value) in new (string, object)[] { ("inBucket", 21_000L), ("point", 60_000.0), ("lower", 45_000.0), ("upper", 75_000.0), ("predictedBytesPerSecond", 1_000.0) })
            volume.Add(field, value);
        var generic = Record("Forecast", ("eventType", "checkout"), ("bucketStart", At.AddSeconds(-30).UtcDateTime), ("bucketSeconds", 60.0),
            ("arrivalsInBucket", 42L), ("point", 120.0), ("lower", 90.0), ("upper", 150.0), ("predictedRatePerSecond", 2.0), ("ts", At.UtcDateTime),
            ("profile", "standard"), ("instances", 5), ("executing", 2), ("coldStarts", 17L), ("bytes", volume));
        AssertSameAsGenericWriter(generic, bytes);
        Assert.Equal(new ForecastRecord(forecast, At) { Status = status }, AvroCodecs.Forecast.Decode(bytes));
    }

    [Fact]
    public void Forecast_codec_writes_an_unknown_status_and_no_bytes_as_nulls()
    {
        var forecast = new TypeForecast("checkout", At.AddSeconds(-30), TimeSpan.FromMinutes(1), 42, new Forecast(120, 90, 150));
        var bytes = AvroCodecs.Forecast.Encode(forecast, At);
        var generic = Record("Forecast", ("eventType", "checkout"), ("bucketStart", At.AddSeconds(-30).UtcDateTime), ("bucketSeconds", 60.0),
            ("arrivalsInBucket", 42L), ("point", 120.0), ("lower", 90.0), ("upper", 150.0), ("predictedRatePerSecond", 2.0), ("ts", At.UtcDateTime),
            ("profile", null), ("instances", null), ("executing", null), ("coldStarts", null), ("bytes", null));
        AssertSameAsGenericWriter(generic, bytes);
        Assert.Equal(TypeStatus.Unknown, AvroCodecs.Forecast.Decode(bytes).Status);
        Assert.Null(AvroCodecs.Forecast.Decode(bytes).Forecast.Bytes);
    }

    [Fact]
    public void ScalingDecision_codec_writes_the_ScalingDecision_schema()
    {
        var decision = new ScaleDecision("pool", 7, "forecast upper 150/min");
        var bytes = AvroCodecs.ScalingDecision.Encode(decision, 4, "reactive", At);
        var generic = Record("ScalingDecision", ("scope", "pool"), ("desiredInstances", 7), ("previousInstances", 4),
            ("policy", "reactive"), ("reason", "forecast upper 150/min"), ("ts", At.UtcDateTime));
        AssertSameAsGenericWriter(generic, bytes);
        Assert.Equal(new ScalingRecord(decision, 4, "reactive", At), AvroCodecs.ScalingDecision.Decode(bytes));
    }

    [Fact]
    public void DeadLetter_codec_writes_the_DeadLetter_schema()
    {
        byte[] original = [0xDE, 0xAD, 0xBE, 0xEF];
        var value = new DeadLetter("Undecodable: garbage", "events", 3, 1234, original, At);
        var bytes = AvroCodecs.DeadLetter.Encode(value);
        var generic = Record("DeadLetter", ("reason", "Undecodable: garbage"), ("sourceTopic", "events"), ("partition", 3),
            ("offset", 1234L), ("original", original), ("ts", At.UtcDateTime));
        AssertSameAsGenericWriter(generic, bytes);
        var decoded = AvroCodecs.DeadLetter.Decode(bytes);
        Assert.Equal(original, decoded.Original);
        Assert.Equal(value with { Original = decoded.Original }, decoded);
    }

    [Fact]
    public void Decoding_a_record_of_another_schema_names_both_fingerprints()
    {
        var metric = AvroCodecs.MetricSample.Encode(new MetricSample("t", "minimal", "m", 1, At, "i"));
        var error = Assert.Throws<InvalidDataException>(() => AvroCodecs.Event.Decode(metric));
        Assert.Contains(SingleObjectEncoding.FingerprintHex(AvroCodecs.MetricSample.Fingerprint), error.Message);
        Assert.Contains("not Event", error.Message);
    }

    private static GenericRecord Record(string schemaName, params (string Field, object? Value)[] fields)
    {
        var record = new GenericRecord(FileSchema(schemaName));
        foreach (var (field, value) in fields)
            record.Add(field, value);
        return record;
    }

    /// <summary>Apache.Avro's own writer, given the file's schema, produces the same body, and its reader reads ours back.</summary>
    private static void AssertSameAsGenericWriter(GenericRecord expected, byte[] actual)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(expected.Schema).Write(expected, new BinaryEncoder(stream));
        Assert.Equal(Convert.ToHexString(stream.ToArray()), Convert.ToHexString(actual.AsSpan(SingleObjectEncoding.HeaderLength)));
        Assert.True(SingleObjectEncoding.TryReadHeader(actual, out var fingerprint, out _));
        Assert.Equal(AvroSchemas.Fingerprint(expected.Schema), fingerprint);

        using var body = new MemoryStream(actual, SingleObjectEncoding.HeaderLength, actual.Length - SingleObjectEncoding.HeaderLength);
        var read = new GenericDatumReader<GenericRecord>(expected.Schema, expected.Schema).Read(null!, new BinaryDecoder(body));
        Assert.Equal(expected.Schema.Count, read.Schema.Count);
        foreach (var field in expected.Schema.Fields)
            Assert.Equal(expected.GetValue(field.Pos), read.GetValue(field.Pos));
    }
}
