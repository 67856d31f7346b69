using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// Avro binary encoding into a growable byte array: zig-zag varints, little-endian doubles, length-prefixed UTF-8
/// strings and bytes. Replaces Avro's BinaryEncoder on the hot path, which allocates a stream, its buffer and a byte
/// array for every string; this writes strings in place and allocates only when it must grow.
/// </summary>
internal struct AvroBufferWriter(byte[] buffer)
{
    private byte[] _buffer = buffer;
    private int _position;

    /// <summary>The buffer written to; a larger one than given when it had to grow.</summary>
    public readonly byte[] Buffer => _buffer;

    public readonly int Length => _position;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteUnionIndex(int index) => WriteLong(index);

    public void WriteLong(long value)
    {
        // Room for the longest number is there nearly always; otherwise exactly the room this one takes, so that a record
        // written into an array of exactly its length fills it without growing it.
        if (_position + MaxLongLength > _buffer.Length)
            Ensure(LongLength(value));
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            _buffer[_position++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        _buffer[_position++] = (byte)zigzag;
    }

    /// <summary>Bytes a long takes at most: 64 bits, 7 per byte.</summary>
    private const int MaxLongLength = 10;

    /// <summary>Bytes <see cref="WriteLong"/> writes for <paramref name="value"/>.</summary>
    public static int LongLength(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        return Math.Max(1, (64 - BitOperations.LeadingZeroCount(zigzag) + 6) / 7);
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLong(length);
        Ensure(length);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>Writes <paramref name="value"/> as <see cref="WriteString(string)"/> does, copying its encoding from <paramref name="repeated"/> when kept there.</summary>
    public void WriteString(string value, EncodedStrings repeated)
    {
        if (repeated.Find(value) is { } encoded)
        {
            WriteRaw(encoded);
            return;
        }
        var start = _position;
        WriteString(value);
        repeated.Remember(value, _buffer.AsSpan(start, _position - start));
    }

    public void WriteBytes(byte[] value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    /// <summary>A <c>["null", "string"]</c> union: index 0 for null, else index 1 and the string.</summary>
    public void WriteOptional(string? value)
    {
        WriteUnionIndex(value is null ? 0 : 1);
        if (value is not null)
            WriteString(value);
    }

    /// <summary>A <c>["null", "int"]</c> or <c>["null", "long"]</c> union: index 0 for null, else index 1 and the number.</summary>
    public void WriteOptional(long? value)
    {
        WriteUnionIndex(value is null ? 0 : 1);
        if (value is { } present)
            WriteLong(present);
    }

    private void Ensure(int more)
    {
        if (_position + more <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + more));
    }
}
