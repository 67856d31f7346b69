using System.Text;
using CsCheck;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Fuzzing;

/// <summary>
/// 100,000 generated inputs each for the input decoder and the JSON-lines reader: none throws, and each either
/// decodes to an event or is rejected with a reason. CsCheck prints the seed of a failing run, which replays it.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class InputFuzzTests
{
    private const int Inputs = 100_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly InputDecoder Decoder = new(new InputDecoderOptions { MaxEventBytes = 4096 }, TimeProvider.System);

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String,
        Gen.OneOf<string>("", " ", "checkout", "\u0000", "é😀", "\"", "\\", "{", "}", "null", "2026-11-28T10:00:00Z", "1969-07-20T20:17:00Z"));

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Text.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"),
        Gen.OneOf<string>("null", "true", "false", "[]", "{}", "[1,{\"a\":[null]}]", "{\"nested\":{\"deep\":[1,2,3]}}"));

    private static readonly Gen<string> FieldName = Gen.OneOf(Gen.OneOf<string>("type", "key", "ts", "payload"), Text);

    /// <summary>JSON objects near the Event shape: known and unknown fields with values of every kind, sometimes cut or spliced.</summary>
    private static readonly Gen<string> JsonLine =
        Gen.Select(FieldName, JsonValue).Array[0, 6]
            .Select(fields => "{" + string.Join(",", fields.Select(f => System.Text.Json.JsonSerializer.Serialize(f.Item1) + ":" + f.Item2)) + "}")
            .SelectMany(json => Gen.OneOf(Gen.Const(json), Gen.Int[0, json.Length].Select(cut => json[..cut]), Text.Select(noise => json + noise)));

    private static readonly Gen<byte[]> AvroEvent =
        Gen.Select(Text, Text, Gen.Long[-70_000_000_000_000L, 300_000_000_000_000L], Text.Null())
            .Select((type, key, ms, payload) => AvroCodecs.Event.Encode(new StreamEvent(type, key, DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(ms * 10_000L, -DateTimeOffset.UnixEpoch.Ticks, DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks)), payload)));

    /// <summary>Valid Avro events with one byte changed, a tail cut off, or bytes appended.</summary>
    private static readonly Gen<byte[]> MutatedAvro =
        Gen.Select(AvroEvent, Gen.Int, Gen.Byte, Gen.Int[0, 3])
            .Select((bytes, at, value, how) => how switch
            {
                0 => Set(bytes, at, value),
                1 => bytes[..(Math.Abs(at % bytes.Length))],
                2 => [.. bytes, value, value],
                _ => bytes,
            });

    private static readonly Gen<byte[]> AnyInput = Gen.OneOf(
        Gen.Byte.Array[0, 64],
        Gen.Byte.Array[0, 8].Select(tail => (byte[])[SingleObjectEncoding.Marker0, SingleObjectEncoding.Marker1, .. tail]),
        MutatedAvro,
        JsonLine.Select(Encoding.UTF8.GetBytes),
        Gen.Byte.Array[5000, 5001]);

    [Fact]
    public void The_event_decoder_decodes_or_rejects_with_a_reason_every_generated_record_and_never_throws()
    {
        var accepted = 0;
        AnyInput.Sample(bytes =>
        {
            var result = Decoder.Decode(bytes, Now);
            AssertDecodedOrRejected(result);
            if (result.IsAccepted)
                accepted++;
        }, iter: Inputs, threads: 1);
        Assert.InRange(accepted, 1, Inputs - 1); // both outcomes were generated, so the generators reach both paths
    }

    [Fact]
    public void The_JSON_lines_reader_decodes_or_rejects_with_a_reason_every_generated_line_and_never_throws()
    {
        var accepted = 0;
        JsonLine.Sample(line =>
        {
            var result = JsonEvents.Parse(Encoding.UTF8.GetBytes(line), Now);
            AssertDecodedOrRejected(result);
            if (result.IsAccepted)
                accepted++;
        }, iter: Inputs, threads: 1);
        Assert.InRange(accepted, 1, Inputs - 1);
    }

    private static void AssertDecodedOrRejected(DecodedInput result)
    {
        if (result.IsAccepted)
            Assert.False(string.IsNullOrWhiteSpace(result.Event!.Value.Type), "an accepted event has a type");
        else
            Assert.False(string.IsNullOrWhiteSpace(result.Rejection?.Reason), "a rejection names its reason");
    }

    private static byte[] Set(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[Math.Abs(at % copy.Length)] = value;
        return copy;
    }
}
