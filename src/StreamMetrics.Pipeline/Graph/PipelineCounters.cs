using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Running totals of the pipeline, written by its stages and read by the live view, the summary and the scaling actor.
/// Only finished work counts: an event is processed once its metrics were acknowledged by Kafka. The per-type figures
/// follow the service's bound on event types (<see cref="TypeTableOptions"/>): a forgotten type's count starts again
/// from zero if it comes back; the totals keep counting. Counting an event of a held type takes no lock (see
/// <see cref="SeenEvery"/>).
/// </summary>
public sealed class PipelineCounters
{
    private long _eventsReceived;
    private long _eventsProcessed;
    private long _deadLettered;
    private long _metricBytes;
    private long _dispatchedLate;
    private long _maxLatenessTicks;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _recordsByTopic = new(StringComparer.Ordinal);
    private readonly RecentTypes<TypeTally> _types;
    private readonly Lock _typesGate = new();
    private readonly Func<string, TypeTally> _newTally;

    // The tallies the bounded table holds, for the per-event count to find without the table's lock.
    private readonly ConcurrentDictionary<string, TypeTally> _tallies = new(StringComparer.Ordinal);

    /// <summary>
    /// Every this many events of a type (a power of two), and on its first, its count tells the bounded table the type is
    /// still seen; the events between only add to its tally. A type's idle time thus starts at most that many of its
    /// events early, a negligible error against an idle timeout of hours.
    /// </summary>
    internal const int SeenEvery = 64;

    /// <param name="types">The bound on the per-type figures; default <see cref="TypeTableOptions"/>' defaults.</param>
    /// <param name="time">The clock a type's idle time is measured on; default the system clock.</param>
    public PipelineCounters(TypeTableOptions? types = null, TimeProvider? time = null)
    {
        _types = new RecentTypes<TypeTally>(types ?? new TypeTableOptions(), time ?? TimeProvider.System, evicting: Evicting);
        _newTally = type => _tallies[type] = new TypeTally();
    }

    public long EventsReceived => Volatile.Read(ref _eventsReceived);
    public long EventsProcessed => Interlocked.Read(ref _eventsProcessed);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Bytes of the metric records acknowledged by Kafka (encoded values, keys not included), over all topics.</summary>
    public long MetricBytes => Interlocked.Read(ref _metricBytes);

    /// <summary>
    /// With dispatch at event time: events that reached the worker pool after their timestamp had passed by more than
    /// <see cref="EventTimeStage.Tolerance"/>, and the largest such lateness.
    /// </summary>
    public long DispatchedLate => Interlocked.Read(ref _dispatchedLate);

    /// <inheritdoc cref="DispatchedLate"/>
    public TimeSpan MaxLateness => TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks));

    /// <summary>Metric records acknowledged by Kafka, per <c>metrics.&lt;profile&gt;</c> topic.</summary>
    public IReadOnlyDictionary<string, long> MetricRecordsByTopic
    {
        get
        {
            var byTopic = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (topic, records) in _recordsByTopic)
            {
                // A topic is listed from its first acknowledged record on.
                if (Interlocked.Read(ref records.Value) is var count and > 0)
                    byTopic.Add(topic, count);
            }
            return byTopic;
        }
    }

    /// <summary>Events processed, per event type held.</summary>
    public IReadOnlyDictionary<string, long> ProcessedByType =>
        ByType(tally => Interlocked.Read(ref tally.Processed) > 0, tally => Interlocked.Read(ref tally.Processed));

    /// <summary>The profile each event type held runs with now.</summary>
    public IReadOnlyDictionary<string, string> ProfileByType => ByType(HasProfile, ProfileOf);

    /// <summary>
    /// <see cref="ProfileByType"/> in no order, for the scaling tick, which looks up every forecast type in it: with
    /// 100,000 types, sorting them took a third of the tick's time.
    /// </summary>
    internal Dictionary<string, string> ProfileLookup() => new(Held(HasProfile, ProfileOf), StringComparer.Ordinal);

    /// <summary>Event types the per-type figures hold now; never more than the bound.</summary>
    public int TypeCount
    {
        get
        {
            lock (_typesGate)
                return _types.Count;
        }
    }

    /// <summary>Most event types the per-type figures held at once so far.</summary>
    public int PeakTypeCount
    {
        get
        {
            lock (_typesGate)
                return _types.PeakCount;
        }
    }

    /// <summary>Forgets the per-type figures of types idle for the bound's idle timeout; returns how many.</summary>
    public int ForgetIdleTypes()
    {
        lock (_typesGate)
            return _types.EvictIdle();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> events are finished (processed or dead-lettered); false when
    /// <paramref name="timeout"/> ran out first. Cancellation throws.
    /// </summary>
    public async Task<bool> WaitForFinishedAsync(long count, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (EventsProcessed + DeadLettered < count)
                await poll.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Counts a record taken in. Only the decode stage calls it, one record at a time, so the count has one writer and
    /// needs no atomic increment; readers on other threads see it whole (a 64-bit field is read at once).
    /// </summary>
    internal void Received() => Volatile.Write(ref _eventsReceived, _eventsReceived + 1);

    internal void Processed(string eventType)
    {
        Interlocked.Increment(ref _eventsProcessed);
        if (_tallies.TryGetValue(eventType, out var tally) && (Interlocked.Increment(ref tally.Processed) & (SeenEvery - 1)) != 0)
            return;
        lock (_typesGate)
        {
            var held = _types.Touch(eventType, _newTally);
            // A type not held, or forgotten since the lookup (its old tally went with it), counts this event afresh.
            if (held != tally)
                Interlocked.Increment(ref held.Processed);
        }
    }

    internal void ProfileChosen(string eventType, string profile)
    {
        lock (_typesGate)
            _types.Touch(eventType, _newTally).Profile = profile;
    }

    internal void DeadLetter() => Interlocked.Increment(ref _deadLettered);

    /// <summary>The count of <paramref name="topic"/>'s acknowledged records, for the sink to look up once per topic and add to.</summary>
    internal StrongBox<long> TopicRecords(string topic) => _recordsByTopic.GetOrAdd(topic, static _ => new StrongBox<long>());

    internal void MetricRecords(StrongBox<long> topicRecords, int records, int bytes)
    {
        Interlocked.Add(ref topicRecords.Value, records);
        Interlocked.Add(ref _metricBytes, bytes);
    }

    /// <summary>
    /// The figures of the types held, in type order. Only their copy is taken under the lock, which the graph takes for a
    /// type's first event: with many types the sorting would hold it up.
    /// </summary>
    private SortedDictionary<string, TValue> ByType<TValue>(Func<TypeTally, bool> holds, Func<TypeTally, TValue> select)
    {
        var result = new SortedDictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (type, value) in Held(holds, select))
            result.Add(type, value);
        return result;
    }

    private static bool HasProfile(TypeTally tally) => tally.Profile is not null;

    private static string ProfileOf(TypeTally tally) => tally.Profile!;

    private List<KeyValuePair<string, TValue>> Held<TValue>(Func<TypeTally, bool> holds, Func<TypeTally, TValue> select)
    {
        lock (_typesGate)
        {
            var held = new List<KeyValuePair<string, TValue>>(_types.Count);
            foreach (var (type, tally) in _types.Entries)
            {
                if (holds(tally))
                    held.Add(new(type, select(tally)));
            }
            return held;
        }
    }

    internal void Late(TimeSpan lateness)
    {
        Interlocked.Increment(ref _dispatchedLate);
        var ticks = lateness.Ticks;
        for (var seen = Interlocked.Read(ref _maxLatenessTicks); ticks > seen; seen = Interlocked.Read(ref _maxLatenessTicks))
            Interlocked.CompareExchange(ref _maxLatenessTicks, ticks, seen);
    }

    /// <summary>Called by the table, under its lock, for each type it forgets.</summary>
    private void Evicting(string eventType, TypeTally tally) => _tallies.TryRemove(new KeyValuePair<string, TypeTally>(eventType, tally));

    private sealed class TypeTally
    {
        /// <summary>Events processed; a field, so the per-event count adds to it without a lock.</summary>
        public long Processed;

        public string? Profile { get; set; }
    }
}
