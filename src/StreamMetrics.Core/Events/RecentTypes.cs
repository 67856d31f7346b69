using System.Diagnostics.CodeAnalysis;

namespace StreamMetrics.Core.Events;

/// <summary>
/// A table of one value per event type under the service's bound (<see cref="TypeTableOptions"/>), the policy every
/// per-type table follows: a type is "seen" when its owner touches it for an event; types not seen for the idle
/// timeout are evicted (checked at the oldest entry on every touch, and over the whole table by
/// <see cref="EvictIdle"/>), and a new type at capacity first evicts the least recently seen type. An owner may
/// protect a type that still has work under way (<c>canEvict</c> false): it is skipped, and while every type is
/// protected the table takes the new type beyond the bound. The owner hears of each eviction before the entry goes
/// (<c>evicting</c>), to release what the type holds. Each entry is one object linked in order of last sight, so a
/// touch is one lookup and two pointer moves. Not thread-safe: the owner holds its own lock.
/// </summary>
public sealed class RecentTypes<TValue>
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _idleTimestamps;
    private readonly Func<TValue, bool>? _canEvict;
    private readonly Action<string, TValue>? _evicting;
    private Entry? _oldest;
    private Entry? _newest;

    /// <param name="options">The bound; validated here.</param>
    /// <param name="time">The clock idle times are measured on.</param>
    /// <param name="canEvict">False for a value that must stay (work under way); null: every value may go.</param>
    /// <param name="evicting">Called for each evicted type while its entry is still in the table.</param>
    public RecentTypes(TypeTableOptions options, TimeProvider time, Func<TValue, bool>? canEvict = null, Action<string, TValue>? evicting = null)
    {
        options.Validate();
        Capacity = options.MaxTypes;
        _time = time;
        _idleTimestamps = (long)(options.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        _canEvict = canEvict;
        _evicting = evicting;
    }

    /// <summary>Most types the table holds (while some type may be evicted).</summary>
    public int Capacity { get; }

    /// <summary>Types held now.</summary>
    public int Count => _entries.Count;

    /// <summary>Most types held at once so far: a gauge of the bound at work.</summary>
    public int PeakCount { get; private set; }

    /// <summary>Types evicted so far, idle or at capacity.</summary>
    public long Evicted { get; private set; }

    /// <summary>The types held, least recently seen first.</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Entries
    {
        get
        {
            for (var entry = _oldest; entry is not null; entry = entry.Newer)
                yield return new(entry.Type, entry.Value);
        }
    }

    /// <summary>The value of <paramref name="type"/> without counting it as seen.</summary>
    public bool TryGet(string type, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(type, out var entry))
        {
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Marks <paramref name="type"/> seen now and returns its value, made by <paramref name="create"/> for a new type.</summary>
    public TValue Touch(string type, Func<string, TValue> create) => Touch(type, create, _time.GetTimestamp());

    /// <summary>
    /// <see cref="Touch(string, Func{string, TValue})"/> at <paramref name="now"/>, a timestamp of this table's clock the
    /// caller read anyway: a hot path reads the clock once for all it does.
    /// </summary>
    public TValue Touch(string type, Func<string, TValue> create, long now) =>
        TryTouch(type, out var value, now) ? value : Add(type, create(type), now);

    /// <summary>Marks <paramref name="type"/> seen now and gives its value; false for a type not held (which stays so).</summary>
    public bool TryTouch(string type, [MaybeNullWhen(false)] out TValue value) => TryTouch(type, out value, _time.GetTimestamp());

    private bool TryTouch(string type, [MaybeNullWhen(false)] out TValue value, long now)
    {
        EvictIdleOldest(now);
        if (_entries.TryGetValue(type, out var entry))
        {
            entry.SeenAt = now;
            MoveToNewest(entry);
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Sets the value of <paramref name="type"/>, marking it seen now; a new type may evict another as <see cref="Touch(string, Func{string, TValue})"/> does.</summary>
    public void Set(string type, TValue value)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(type, out var entry))
        {
            entry.Value = value;
            entry.SeenAt = now;
            MoveToNewest(entry);
            return;
        }
        Add(type, value, now);
    }

    /// <summary>
    /// Removes <paramref name="type"/> because its owner gives it up (it moved elsewhere); not an eviction, so
    /// <c>evicting</c> is not called and <see cref="Evicted"/> does not count it. False for a type not held.
    /// </summary>
    public bool Remove(string type)
    {
        if (!_entries.Remove(type, out var entry))
            return false;
        Unlink(entry);
        return true;
    }

    /// <summary>Evicts every type not seen for the idle timeout (the protected ones excepted); returns how many.</summary>
    public int EvictIdle()
    {
        var now = _time.GetTimestamp();
        var evicted = 0;
        for (var entry = _oldest; entry is not null && IsIdle(entry, now);)
        {
            var next = entry.Newer;
            if (MayEvict(entry))
            {
                Evict(entry);
                evicted++;
            }
            entry = next;
        }
        return evicted;
    }

    private TValue Add(string type, TValue value, long now)
    {
        // More than one goes only after protected types held the table beyond its bound.
        while (_entries.Count >= Capacity)
        {
            if (!EvictLeastRecentlySeen())
                break;
        }
        var entry = new Entry(type, value) { SeenAt = now, Older = _newest };
        if (_newest is null)
            _oldest = entry;
        else
            _newest.Newer = entry;
        _newest = entry;
        _entries.Add(type, entry);
        PeakCount = Math.Max(PeakCount, _entries.Count);
        return value;
    }

    /// <summary>Idle types leave from the oldest end; one check per touch keeps an idle table shrinking as it is used.</summary>
    private void EvictIdleOldest(long now)
    {
        while (_oldest is { } oldest && IsIdle(oldest, now) && MayEvict(oldest))
            Evict(oldest);
    }

    private bool EvictLeastRecentlySeen()
    {
        for (var entry = _oldest; entry is not null; entry = entry.Newer)
        {
            if (MayEvict(entry))
            {
                Evict(entry);
                return true;
            }
        }
        return false;
    }

    private bool IsIdle(Entry entry, long now) => now - entry.SeenAt >= _idleTimestamps;

    private bool MayEvict(Entry entry) => _canEvict?.Invoke(entry.Value) ?? true;

    private void Evict(Entry entry)
    {
        _evicting?.Invoke(entry.Type, entry.Value);
        Unlink(entry);
        _entries.Remove(entry.Type);
        Evicted++;
    }

    private void MoveToNewest(Entry entry)
    {
        if (entry == _newest)
            return;
        Unlink(entry);
        entry.Older = _newest;
        _newest!.Newer = entry;
        _newest = entry;
    }

    private void Unlink(Entry entry)
    {
        if (entry.Older is null)
            _oldest = entry.Newer;
        else
            entry.Older.Newer = entry.Newer;
        if (entry.Newer is null)
            _newest = entry.Older;
        else
            entry.Newer.Older = entry.Older;
        entry.Older = null;
        entry.Newer = null;
    }

    private sealed class Entry(string type, TValue value)
    {
        public string Type { get; } = type;

        public TValue Value { get; set; } = value;

        public long SeenAt { get; set; }

        public Entry? Older { get; set; }

        public Entry? Newer { get; set; }
    }
}
