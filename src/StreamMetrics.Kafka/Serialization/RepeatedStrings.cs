using System.Collections.Concurrent;
using System.Text;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The strings a decoder meets again and again (event type names), kept once: decoding one already seen allocates
/// nothing. At most <see cref="Capacity"/> strings are kept; beyond that a new one is allocated each time, as without
/// the pool. Thread-safe.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Strings kept at most: well above the event types a service sees, a few megabytes at worst.</summary>
    public const int Capacity = 65_536;

    /// <summary>Longer strings are not looked up; they are decoded as usual.</summary>
    private const int MaxChars = 256;

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private int _count;

    public RepeatedStrings() => _byChars = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string of <paramref name="utf8"/>, decoded by <paramref name="encoding"/> (which may throw on invalid bytes).</summary>
    public string Get(ReadOnlySpan<byte> utf8, Encoding encoding)
    {
        if (utf8.Length > MaxChars)
            return encoding.GetString(utf8);
        Span<char> chars = stackalloc char[MaxChars];
        var text = chars[..encoding.GetChars(utf8, chars)];
        if (_byChars.TryGetValue(text, out var known))
            return known;
        var created = new string(text);
        // Counted here rather than by the dictionary's Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _count) >= Capacity)
            return created;
        var kept = _strings.GetOrAdd(created, created);
        if (ReferenceEquals(kept, created))
            Interlocked.Increment(ref _count);
        return kept;
    }
}
