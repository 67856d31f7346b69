using System.Runtime.CompilerServices;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The Avro encoding (length and UTF-8 bytes) of strings an encoder writes again and again, such as a metric record's
/// event type, profile, metric, instance and topic: each is one string object reused for every record, so it is found by
/// its reference, without hashing or transcoding its characters, and copied. A table of fixed size: a string whose place
/// is taken by another is encoded as usual, and takes the place over only at every few of its misses, so many strings
/// competing for places (a hundred thousand event types) do not allocate a new entry per record. Thread-safe.
/// </summary>
internal sealed class EncodedStrings
{
    /// <summary>Places in the table; a power of two.</summary>
    private const int Places = 1024;

    /// <summary>Misses of an occupied place before its entry is replaced.</summary>
    private const int MissesBeforeReplacing = 8;

    /// <summary>Longer strings are not kept: they are rarely repeated, and copying saves little against encoding them.</summary>
    public const int MaxChars = 128;

    private readonly Entry?[] _entries = new Entry?[Places];
    private readonly int[] _misses = new int[Places];

    /// <summary>The encoding of <paramref name="value"/> kept before, or null.</summary>
    public byte[]? Find(string value)
    {
        var entry = _entries[Place(value)];
        return entry is not null && ReferenceEquals(entry.Text, value) ? entry.Encoded : null;
    }

    /// <summary>Keeps <paramref name="encoded"/>, the encoding just written for <paramref name="value"/>, when its place allows.</summary>
    public void Remember(string value, ReadOnlySpan<byte> encoded)
    {
        if (value.Length > MaxChars)
            return;
        var place = Place(value);
        // Racing threads may lose a count or replace an entry twice: both only cost an encoding, never a wrong record.
        if (_entries[place] is not null && ++_misses[place] % MissesBeforeReplacing != 0)
            return;
        _entries[place] = new Entry(value, encoded.ToArray());
    }

    private static int Place(string value) => RuntimeHelpers.GetHashCode(value) & (Places - 1);

    private sealed record Entry(string Text, byte[] Encoded);
}
