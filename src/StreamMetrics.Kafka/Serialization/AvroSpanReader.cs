using System.Buffers.Binary;
using System.Text;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// Reads Avro binary values from untrusted bytes: every length is checked against what is left, so a corrupt record
/// fails with <see cref="InvalidDataException"/> instead of allocating what its length prefix claims.
/// </summary>
internal ref struct AvroSpanReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private ReadOnlySpan<byte> _rest;

    public AvroSpanReader(ReadOnlySpan<byte> bytes) => _rest = bytes;

    public readonly bool AtEnd => _rest.IsEmpty;

    public readonly int Remaining => _rest.Length;

    public long ReadLong()
    {
        ulong raw = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_rest.IsEmpty)
                throw new InvalidDataException("record ends inside a number");
            if (shift > 63)
                throw new InvalidDataException("number longer than 10 bytes");
            var b = _rest[0];
            _rest = _rest[1..];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                break;
        }
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt()
    {
        var value = ReadLong();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException($"int value {value} out of range");
    }

    public double ReadDouble()
    {
        if (_rest.Length < 8)
            throw new InvalidDataException("record ends inside a double");
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadLong();
        if (length < 0 || length > _rest.Length)
            throw new InvalidDataException($"length {length} does not fit the {_rest.Length} bytes left");
        var value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return value;
    }

    public string ReadString()
    {
        try
        {
            return StrictUtf8.GetString(ReadBytes());
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("string is not valid UTF-8");
        }
    }

    /// <summary>Reads a string that <paramref name="pool"/> keeps once, such as an event type's name.</summary>
    public string ReadString(RepeatedStrings pool)
    {
        try
        {
            return pool.Get(ReadBytes(), StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("string is not valid UTF-8");
        }
    }

    public DateTimeOffset ReadTimestampMillis()
    {
        var millis = ReadLong();
        if (millis < -62_135_596_800_000L || millis > 253_402_300_799_999L)
            throw new InvalidDataException($"timestamp {millis} ms is outside years 1..9999");
        return DateTimeOffset.FromUnixTimeMilliseconds(millis);
    }

    /// <summary>Reads a <c>["null", T]</c> union's branch: false for null.</summary>
    public bool ReadOptionalPresent() => ReadLong() switch
    {
        0 => false,
        1 => true,
        var index => throw new InvalidDataException($"union branch {index} does not exist"),
    };
}
