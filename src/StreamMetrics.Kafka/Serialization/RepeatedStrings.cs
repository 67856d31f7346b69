using System.Collections.Concurrent;
using System.Text;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The strings a decoder meets again and again (event type names), kept once: decoding one already seen allocates
/// nothing, and is found by its UTF-8 bytes, so it is neither transcoded nor validated again (its bytes were valid when
/// it was first kept). At most <see cref="Capacity"/> strings are kept; beyond that a new one is allocated each time, as
/// without the pool. Thread-safe.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Strings kept at most: well above the event types a service sees, a few megabytes at worst.</summary>
    public const int Capacity = 65_536;

    /// <summary>Longer strings are not looked up; they are decoded as usual.</summary>
    private const int MaxBytes = 256;

    private readonly ConcurrentDictionary<byte[], string> _strings = new(Utf8Bytes.Comparer);
    private readonly ConcurrentDictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private int _count;

    public RepeatedStrings() => _byBytes = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The string of <paramref name="utf8"/>, decoded by <paramref name="encoding"/> (which may throw on invalid bytes).</summary>
    public string Get(ReadOnlySpan<byte> utf8, Encoding encoding)
    {
        if (utf8.Length > MaxBytes)
            return encoding.GetString(utf8);
        if (_byBytes.TryGetValue(utf8, out var known))
            return known;
        var created = encoding.GetString(utf8);
        // Counted here rather than by the dictionary's Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _count) >= Capacity)
            return created;
        var kept = _strings.GetOrAdd(utf8.ToArray(), created);
        if (ReferenceEquals(kept, created))
            Interlocked.Increment(ref _count);
        return kept;
    }

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
