using System.Runtime.CompilerServices;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Input;

/// <summary>
/// Decodes a record of the input topic into an event, telling the two accepted forms apart by their first bytes:
/// an Avro single-object <c>Event</c> (C3 01 + the Event fingerprint) or a JSON object (<c>{</c>).
/// Anything else becomes a <see cref="DecodedInput"/> rejection with a precise reason; nothing throws.
/// </summary>
public sealed class InputDecoder
{
    private readonly InputDecoderOptions _options;
    private readonly TimeProvider _time;

    /// <summary>The latest event timestamp allowed, as of the last reading of the clock (UTC ticks).</summary>
    private long _latestAllowedTicks = long.MinValue;

    public InputDecoder(InputDecoderOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _time = time;
    }

    /// <param name="value">The Kafka record's value.</param>
    /// <param name="recordTimestamp">The Kafka record's timestamp: the event time of a JSON event without <c>ts</c>.</param>
    public DecodedInput Decode(ReadOnlySpan<byte> value, DateTimeOffset recordTimestamp)
    {
        if (value.Length > _options.MaxEventBytes)
            return Oversized(value.Length);
        // The Avro form, nearly every record, is decoded and checked in place, the event copied once into the result.
        if (SingleObjectEncoding.HasMarker(value))
            return (DecodeAvro(value, out var decoded) ?? Refusal(decoded)) is { } refused ? DecodedInput.Reject(refused) : DecodedInput.Accept(decoded);
        return DecodeAndCheckOther(value, recordTimestamp);
    }

    /// <summary>
    /// A record in another form than Avro, decoded and checked. Not inlined, as none of the rare paths below is: their
    /// values and messages would take room in <see cref="Decode"/>'s frame, which every record zeroes on entry.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private DecodedInput DecodeAndCheckOther(ReadOnlySpan<byte> value, DateTimeOffset recordTimestamp)
    {
        var other = DecodeOther(value, recordTimestamp);
        return other.IsAccepted && Refusal(other.Event.Value) is { } rejected ? DecodedInput.Reject(rejected) : other;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DecodedInput Oversized(int length) =>
        DecodedInput.Reject(RejectionKind.Oversized, $"record is {length} bytes, more than max-event-bytes = {_options.MaxEventBytes}");

    private static DecodedInput DecodeOther(ReadOnlySpan<byte> value, DateTimeOffset recordTimestamp)
    {
        if (value.IsEmpty)
            return DecodedInput.Reject(RejectionKind.Undecodable, "empty record");
        var first = FirstNonWhitespace(value);
        if (first == '{')
            return JsonEvents.Parse(value, recordTimestamp);
        return DecodedInput.Reject(RejectionKind.Undecodable,
            $"neither an Avro single-object record (C3 01) nor a JSON object ('{{'): starts with {Convert.ToHexString(value[..Math.Min(4, value.Length)])}");
    }

    /// <summary>Decodes an Avro single-object <c>Event</c> into <paramref name="decoded"/>; the reason it is none, else null.</summary>
    private static InputRejection? DecodeAvro(ReadOnlySpan<byte> value, out StreamEvent decoded)
    {
        decoded = default;
        if (!SingleObjectEncoding.TryReadHeader(value, out var fingerprint, out var body))
            return new(RejectionKind.Undecodable, $"Avro header cut short: {value.Length} bytes, needs {SingleObjectEncoding.HeaderLength}");
        var events = AvroCodecs.Event;
        if (fingerprint != events.Fingerprint)
        {
            var hex = SingleObjectEncoding.FingerprintHex(fingerprint);
            return AvroSchemas.ByFingerprint.TryGetValue(fingerprint, out var other)
                ? new(RejectionKind.WrongSchema, $"a {other.Name} record (fingerprint {hex}) is not an Event")
                : new(RejectionKind.UnknownSchema, $"unknown schema fingerprint {hex}");
        }
        try
        {
            decoded = events.DecodeBody(body);
            return null;
        }
        catch (InvalidDataException e)
        {
            return new(RejectionKind.Undecodable, $"Event body does not decode: {e.Message}");
        }
    }

    /// <summary>Why a decoded event is refused (its type or its timestamp), or null when it is accepted.</summary>
    private InputRejection? Refusal(in StreamEvent decoded)
    {
        var type = decoded.Type;
        if (string.IsNullOrWhiteSpace(type))
            return new(RejectionKind.InvalidEvent, "type is empty");
        if (type.Length > _options.MaxTypeLength)
        {
            return new(RejectionKind.InvalidEvent,
                $"type is {type.Length} characters long (starts '{type[..Math.Min(32, type.Length)]}'), max-type-length = {_options.MaxTypeLength}");
        }
        var ts = decoded.Timestamp;
        if (ts < _options.EarliestTimestamp)
            return new(RejectionKind.InvalidTimestamp, $"ts = {ts:O} is before {_options.EarliestTimestamp:O}");
        // The latest timestamp allowed only grows with the clock, so one read of the clock serves every event up to the
        // bound it gave; the clock is read again only for an event past that bound.
        if (ts.UtcTicks <= Volatile.Read(ref _latestAllowedTicks))
            return null;
        var latest = _time.GetUtcNow() + _options.MaxFutureSkew;
        Volatile.Write(ref _latestAllowedTicks, latest.UtcTicks);
        return ts > latest
            ? new(RejectionKind.InvalidTimestamp, $"ts = {ts:O} is more than {_options.MaxFutureSkew} in the future (latest {latest:O})")
            : null;
    }

    private static byte FirstNonWhitespace(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return b;
        }
        return 0;
    }
}
