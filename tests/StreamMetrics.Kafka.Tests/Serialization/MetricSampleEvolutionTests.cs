using Avro.Generic;
using Avro.IO;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Serialization;
using static StreamMetrics.Kafka.Tests.Serialization.SchemaFileRecords;

namespace StreamMetrics.Kafka.Tests.Serialization;

/// <summary>
/// MetricSample gained its source identity the Avro way: version 1 stays embedded under its fingerprint and its records
/// still decode, with the new field at its default.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class MetricSampleEvolutionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_record_written_with_version_1_decodes_with_no_source()
    {
        var bytes = Version1Record("checkout", 3.25, "i-4");

        var decoded = AvroCodecs.MetricSample.Decode(bytes);

        Assert.Equal(new MetricSample("checkout", "debug", "latency_ms", 3.25, At, "i-4"), decoded);
        Assert.Null(decoded.Source);
    }

    [Fact]
    public void Version_1_is_embedded_under_the_fingerprint_of_its_file_and_differs_from_version_2()
    {
        var version1 = AvroSchemas.Fingerprint(FileSchema("earlier", "MetricSample.1.avsc"));

        Assert.Equal(version1, MetricSampleCodec.Version1Fingerprint);
        Assert.NotEqual(version1, AvroCodecs.MetricSample.Fingerprint);
        Assert.Equal("MetricSample", AvroSchemas.ByFingerprint[version1].Name);
        Assert.Same(AvroSchemas.MetricSample, AvroSchemas.ByFingerprint[AvroCodecs.MetricSample.Fingerprint]);
    }

    [Fact]
    public void Apache_Avro_resolves_a_version_1_record_against_version_2_to_the_same_sample_as_our_codec()
    {
        var bytes = Version1Record("checkout", 1.5, "i-1");
        using var body = new MemoryStream(bytes, SingleObjectEncoding.HeaderLength, bytes.Length - SingleObjectEncoding.HeaderLength);

        var resolved = new GenericDatumReader<GenericRecord>(FileSchema("earlier", "MetricSample.1.avsc"), FileSchema("MetricSample.avsc"))
            .Read(null!, new BinaryDecoder(body));

        Assert.Null(resolved["source"]);
        Assert.Equal("i-1", resolved["instanceId"]);
        Assert.Equal(1.5, resolved["value"]);
    }

    [Fact]
    public void A_sample_encoded_with_its_source_position_is_the_record_of_the_sample_carrying_that_source()
    {
        var sample = new MetricSample("checkout", "debug", "latency_ms", 2, At, "i-2");

        var withPosition = AvroCodecs.MetricSample.Encode(sample, "events", 5, 77);

        Assert.Equal(AvroCodecs.MetricSample.Encode(sample with { Source = new SourceIdentity("events", 5, 77) }), withPosition);
        Assert.Equal(new SourceIdentity("events", 5, 77), AvroCodecs.MetricSample.Decode(withPosition).Source);
    }

    [Fact]
    public void Watch_decodes_both_versions_and_shows_the_source_of_version_2()
    {
        var version2 = AvroCodecs.MetricSample.Encode(new MetricSample("checkout", "debug", "latency_ms", 2, At, "i-2", new SourceIdentity("events", 5, 77)));

        Assert.True(AnyRecordDecoder.TryDecode(Version1Record("checkout", 2, "i-2"), out var old, out var error), error);
        Assert.True(AnyRecordDecoder.TryDecode(version2, out var current, out error), error);

        Assert.Equal("MetricSample", (string?)old["schema"]);
        // A version 1 record reads as the current schema does: the same keys, source taking its default.
        Assert.True(old.ContainsKey("source"));
        Assert.Null(old["source"]);
        Assert.Equal("events", (string?)current["source"]?["topic"]);
        Assert.Equal(5, (int?)current["source"]?["partition"]);
        Assert.Equal(77, (long?)current["source"]?["offset"]);
    }

    [Fact]
    public void A_version_1_record_on_the_input_topic_is_rejected_as_a_MetricSample_not_as_an_unknown_schema()
    {
        var decoder = new InputDecoder(new InputDecoderOptions(), TimeProvider.System);

        var result = decoder.Decode(Version1Record("checkout", 2, "i-2"), At);

        Assert.Equal(RejectionKind.WrongSchema, result.Rejection?.Kind);
        Assert.StartsWith("a MetricSample record", result.Rejection?.Reason);
    }

    /// <summary>What a StreamMetrics before version 2 published: Apache.Avro's generic writer with the version 1 file.</summary>
    private static byte[] Version1Record(string type, double value, string instance)
    {
        var schema = FileSchema("earlier", "MetricSample.1.avsc");
        var record = new GenericRecord(schema);
        record.Add("eventType", type);
        record.Add("profile", "debug");
        record.Add("metric", "latency_ms");
        record.Add("value", value);
        record.Add("ts", At.UtcDateTime);
        record.Add("instanceId", instance);
        return SingleObject(record);
    }
}
