using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using System.Text;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The strings a decoder meets again and again (event type names), kept once: decoding one already seen allocates
/// nothing, and is found by its UTF-8 bytes, so it is neither transcoded nor validated again (its bytes were valid when
/// it was first kept). The strings met last are looked for first in a small table placed by a cheap mix of their bytes,
/// then in the table of every kept string. At most <see cref="Capacity"/> strings are kept; beyond that a new one is
/// allocated each time, as without the pool. Thread-safe.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Strings kept at most: well above the event types a service sees, a few megabytes at worst.</summary>
    public const int Capacity = 65_536;

    /// <summary>Longer strings are not looked up; they are decoded as usual.</summary>
    private const int MaxBytes = 256;

    /// <summary>The table of strings met last has 2^this places.</summary>
    private const int RecentBits = 10;

    private readonly ConcurrentDictionary<byte[], Kept> _strings = new(Utf8Bytes.Comparer);
    private readonly ConcurrentDictionary<byte[], Kept>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private readonly Kept?[] _recent = new Kept?[1 << RecentBits];
    private int _count;

    public RepeatedStrings() => _byBytes = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The string of <paramref name="utf8"/>, decoded by <paramref name="encoding"/> (which may throw on invalid bytes).</summary>
    public string Get(ReadOnlySpan<byte> utf8, Encoding encoding)
    {
        if (utf8.Length > MaxBytes)
            return encoding.GetString(utf8);
        var place = RecentPlace(utf8);
        if (_recent[place] is { } recent && utf8.SequenceEqual(recent.Utf8))
            return recent.Text;
        if (_byBytes.TryGetValue(utf8, out var known))
        {
            _recent[place] = known;
            return known.Text;
        }
        var created = encoding.GetString(utf8);
        // Counted here rather than by the dictionary's Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _count) >= Capacity)
            return created;
        var bytes = utf8.ToArray();
        var kept = _strings.GetOrAdd(bytes, new Kept(bytes, created));
        if (ReferenceEquals(kept.Text, created))
            Interlocked.Increment(ref _count);
        _recent[place] = kept;
        return kept.Text;
    }

    /// <summary>A place in the table of strings met last: the length and the first and last eight bytes, mixed.</summary>
    private static int RecentPlace(ReadOnlySpan<byte> utf8)
    {
        var bits = (ulong)utf8.Length;
        if (utf8.Length >= sizeof(ulong))
        {
            bits ^= BinaryPrimitives.ReadUInt64LittleEndian(utf8)
                ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]), 29);
        }
        else
        {
            foreach (var b in utf8)
                bits = (bits << 8) | b;
        }
        return (int)((bits * 0x9E3779B97F4A7C15UL) >> (64 - RecentBits));
    }

    /// <summary>A kept string with its UTF-8 bytes.</summary>
    private sealed record Kept(byte[] Utf8, string Text);

    /// <summary>Compares byte arrays by content, and looks them up by a span of bytes without copying it.</summary>
    private sealed class Utf8Bytes : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static Utf8Bytes Comparer { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            // HashCode is seeded per process, so names chosen to collide cannot be sent to slow the table down.
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
