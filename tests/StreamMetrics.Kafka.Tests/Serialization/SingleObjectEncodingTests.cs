using System.Text.Json.Nodes;
using Avro;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

public sealed class SingleObjectEncodingTests
{
    [Fact]
    public void Fingerprint_of_the_null_schema_is_the_Avro_specification_value()
    {
        Assert.Equal(unchecked((long)0x63DD24E7CC258F8AUL), AvroSchemas.Fingerprint(Schema.Parse("\"null\"")));
    }

    [Fact]
    public void Header_is_the_marker_then_the_fingerprint_little_endian()
    {
        var bytes = AvroCodecs.Event.Encode(new StreamEvent("a", "", DateTimeOffset.UnixEpoch, null));
        Assert.Equal(0xC3, bytes[0]);
        Assert.Equal(0x01, bytes[1]);
        Assert.Equal(AvroCodecs.Event.Fingerprint, BitConverter.ToInt64(bytes, 2));
        Assert.True(BitConverter.IsLittleEndian);
        // body: "a" (len 1 zigzag = 02, 61), "" (00), ts 0 (00), null branch (00)
        Assert.Equal("0261000000", Convert.ToHexString(bytes.AsSpan(10)));
    }

    [Fact]
    public void AnyRecordDecoder_turns_each_schema_into_a_json_object()
    {
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        Assert.True(AnyRecordDecoder.TryDecode(AvroCodecs.MetricSample.Encode(new MetricSample("checkout", "debug", "latency_ms", 2.5, at, "i-1")), out var json, out var error), error);
        Assert.Equal("MetricSample", (string?)json["schema"]);
        Assert.Equal("latency_ms", (string?)json["metric"]);
        Assert.Equal(2.5, (double?)json["value"]);
        Assert.Equal("2026-11-28T10:00:00.000Z", (string?)json["ts"]);

        Assert.True(AnyRecordDecoder.TryDecode(AvroCodecs.DeadLetter.Encode(new DeadLetter("why", "events", 1, 2, [1, 2, 3], at)), out json, out error), error);
        Assert.Equal("AQID", (string?)json["original"]);
        Assert.Equal(2L, (long?)json["offset"]);

        Assert.True(AnyRecordDecoder.TryDecode(AvroCodecs.Event.Encode(new StreamEvent("t", "k", at, null)), out json, out error), error);
        Assert.True(json.ContainsKey("payload"));
        Assert.Null(json["payload"]);
    }

    [Fact]
    public void AnyRecordDecoder_reports_what_it_cannot_read()
    {
        Assert.False(AnyRecordDecoder.TryDecode("{}"u8.ToArray(), out _, out var error));
        Assert.Contains("not an Avro single-object record", error);

        byte[] unknown = [0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0];
        Assert.False(AnyRecordDecoder.TryDecode(unknown, out _, out error));
        Assert.Contains("unknown schema fingerprint 0102030405060708", error);

        var truncated = AvroCodecs.MetricSample.Encode(new MetricSample("checkout", "debug", "m", 1, DateTimeOffset.UnixEpoch, "i"))[..14];
        Assert.False(AnyRecordDecoder.TryDecode(truncated, out JsonObject? _, out error));
        Assert.Contains("MetricSample record does not decode", error);

        // A length prefix claiming ~1 GiB must fail on the bytes at hand, not allocate what it claims.
        var hugeString = AvroCodecs.MetricSample.Encode(new MetricSample("c", "d", "m", 1, DateTimeOffset.UnixEpoch, "i"))[..10]
            .Concat(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x07, 0x41 }).ToArray();
        Assert.False(AnyRecordDecoder.TryDecode(hugeString, out _, out error));
        Assert.Contains("does not fit", error);
    }
}
