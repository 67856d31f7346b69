using System.Text;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Input;

public sealed class InputDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RecordTime = Now.AddSeconds(-5);
    private readonly InputDecoder _decoder = new(new InputDecoderOptions { MaxEventBytes = 2048 }, new FakeTimeProvider(Now));

    private DecodedInput Decode(byte[] value) => _decoder.Decode(value, RecordTime);

    private DecodedInput DecodeJson(string json) => Decode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_future_bound_moves_with_the_clock_between_events()
    {
        var time = new FakeTimeProvider(Now);
        var decoder = new InputDecoder(new InputDecoderOptions { MaxFutureSkew = TimeSpan.FromHours(1) }, time);
        byte[] At(DateTimeOffset ts) => AvroCodecs.Event.Encode(new StreamEvent("checkout", "o-1", ts, null));

        Assert.True(decoder.Decode(At(Now.AddMinutes(30)), RecordTime).IsAccepted);
        Assert.Equal(RejectionKind.InvalidTimestamp, decoder.Decode(At(Now.AddMinutes(90)), RecordTime).Rejection?.Kind);
        Assert.True(decoder.Decode(At(Now.AddMinutes(59)), RecordTime).IsAccepted);

        time.Advance(TimeSpan.FromHours(1));
        Assert.True(decoder.Decode(At(Now.AddMinutes(90)), RecordTime).IsAccepted);
        Assert.Equal(RejectionKind.InvalidTimestamp, decoder.Decode(At(Now.AddMinutes(121)), RecordTime).Rejection?.Kind);
    }

    [Fact]
    public void Avro_event_is_accepted()
    {
        var ev = new StreamEvent("checkout", "o-1", Now.AddMinutes(-1), """{"n":1}""");
        var result = Decode(AvroCodecs.Event.Encode(ev));
        Assert.True(result.IsAccepted, result.Rejection?.Describe());
        Assert.Equal(ev, result.Event);
    }

    [Fact]
    public void Json_event_is_accepted_and_takes_the_record_time_when_ts_is_absent()
    {
        var result = DecodeJson("""  {"type":"checkout","key":"o-2","payload":{"amount":[1,2]}}""");
        Assert.True(result.IsAccepted, result.Rejection?.Describe());
        Assert.Equal(new StreamEvent("checkout", "o-2", RecordTime, """{"amount":[1,2]}"""), result.Event);

        var stamped = DecodeJson("""{"type":"login","ts":"2026-11-28T09:30:00+01:00"}""");
        Assert.True(stamped.IsAccepted, stamped.Rejection?.Describe());
        Assert.Equal(new StreamEvent("login", "", Now.AddMinutes(-90), null), stamped.Event);
    }

    [Theory]
    [InlineData("""{"key":"k"}""", RejectionKind.InvalidEvent, "type is missing")]
    [InlineData("""{"type":""}""", RejectionKind.InvalidEvent, "type is empty")]
    [InlineData("""{"type":5}""", RejectionKind.InvalidEvent, "type must be a string, got number")]
    [InlineData("""{"type":"a","key":[1]}""", RejectionKind.InvalidEvent, "key must be a string, got array")]
    [InlineData("""{"type":"a","extra":1}""", RejectionKind.InvalidEvent, "unknown field 'extra'")]
    [InlineData("""{"type":"a","ts":"yesterday"}""", RejectionKind.InvalidTimestamp, "ts = 'yesterday' is not an ISO-8601 time")]
    [InlineData("""{"type":"a","ts":"2026-11-28T10:00:00"}""", RejectionKind.InvalidTimestamp, "with an offset")]
    [InlineData("""{"type":"a","ts":"2026-11-28T13:00:00Z"}""", RejectionKind.InvalidTimestamp, "in the future")]
    [InlineData("""{"type":"a","ts":"1999-12-31T23:59:59Z"}""", RejectionKind.InvalidTimestamp, "is before 2000-01-01")]
    [InlineData("""{"type":"a",""", RejectionKind.Undecodable, "not valid JSON")]
    [InlineData("hello", RejectionKind.Undecodable, "starts with 68656C6C")]
    public void Json_rejections_name_the_reason(string json, RejectionKind kind, string reason)
    {
        var result = DecodeJson(json);
        Assert.False(result.IsAccepted);
        Assert.Equal(kind, result.Rejection.Kind);
        Assert.Contains(reason, result.Rejection.Reason);
    }

    [Fact]
    public void Unknown_fingerprint_is_printed_as_hex()
    {
        byte[] value = [0xC3, 0x01, 0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0x02, 0x61];
        var result = Decode(value);
        Assert.Equal(RejectionKind.UnknownSchema, result.Rejection?.Kind);
        Assert.Equal("unknown schema fingerprint AABBCCDD00112233", result.Rejection?.Reason);
    }

    [Fact]
    public void A_metric_sample_on_the_input_topic_is_the_wrong_schema()
    {
        var result = Decode(AvroCodecs.MetricSample.Encode(new MetricSample("a", "debug", "m", 1, Now, "i")));
        Assert.Equal(RejectionKind.WrongSchema, result.Rejection?.Kind);
        Assert.StartsWith("a MetricSample record (fingerprint ", result.Rejection?.Reason);
    }

    [Fact]
    public void Corrupt_avro_bodies_are_undecodable()
    {
        var good = AvroCodecs.Event.Encode(new StreamEvent("checkout", "k", Now, "{}"));
        var truncated = Decode(good[..^3]);
        Assert.Equal(RejectionKind.Undecodable, truncated.Rejection?.Kind);
        Assert.Contains("Event body does not decode", truncated.Rejection?.Reason);

        var hugeLength = good[..10].Concat(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F }).ToArray();
        Assert.Contains("does not fit", Decode(hugeLength).Rejection?.Reason);

        Assert.Equal(RejectionKind.Undecodable, Decode(good.Concat(new byte[] { 0 }).ToArray()).Rejection?.Kind);
        Assert.Contains("header cut short", Decode([0xC3, 0x01, 0x00]).Rejection?.Reason);
        Assert.Equal("empty record", Decode([]).Rejection?.Reason);
    }

    [Fact]
    public void Oversized_records_are_rejected_before_decoding()
    {
        var big = new StreamEvent("checkout", "k", Now, new string('x', 3000));
        var result = Decode(AvroCodecs.Event.Encode(big));
        Assert.Equal(RejectionKind.Oversized, result.Rejection?.Kind);
        Assert.Contains("max-event-bytes = 2048", result.Rejection?.Reason);
    }

    [Fact]
    public void Avro_events_outside_the_timestamp_window_are_rejected()
    {
        var result = Decode(AvroCodecs.Event.Encode(new StreamEvent("a", "", Now.AddDays(2), null)));
        Assert.Equal(RejectionKind.InvalidTimestamp, result.Rejection?.Kind);
    }

    [Fact]
    public void Options_name_the_bad_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new InputDecoderOptions { MaxEventBytes = 10 }.Validate());
        Assert.Contains("max-event-bytes = 10", error.Message);
    }
}
