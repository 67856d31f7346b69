using System.Buffers.Binary;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// Avro single-object encoding: marker C3 01, the writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, then the
/// binary body. A reader learns the writer schema from the record itself, without a schema registry.
/// </summary>
public static class SingleObjectEncoding
{
    public const int HeaderLength = 10;
    public const byte Marker0 = 0xC3;
    public const byte Marker1 = 0x01;

    public static void WriteHeader(Span<byte> destination, long fingerprint)
    {
        destination[0] = Marker0;
        destination[1] = Marker1;
        BinaryPrimitives.WriteInt64LittleEndian(destination[2..HeaderLength], fingerprint);
    }

    /// <summary>True when <paramref name="bytes"/> starts with the marker; a record too short for its fingerprint is false.</summary>
    public static bool HasMarker(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == Marker0 && bytes[1] == Marker1;

    public static bool TryReadHeader(ReadOnlySpan<byte> bytes, out long fingerprint, out ReadOnlySpan<byte> body)
    {
        fingerprint = 0;
        body = default;
        if (bytes.Length < HeaderLength || !HasMarker(bytes))
            return false;
        fingerprint = BinaryPrimitives.ReadInt64LittleEndian(bytes[2..HeaderLength]);
        body = bytes[HeaderLength..];
        return true;
    }

    /// <summary>A fingerprint as people compare it: the 16 hex digits of the 8 header bytes in wire order.</summary>
    public static string FingerprintHex(long fingerprint)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, fingerprint);
        return Convert.ToHexString(bytes);
    }
}
