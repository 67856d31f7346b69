using System.Collections.Concurrent;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Running totals of the pipeline, written by its stages and read by the live view, the summary and the scaling actor.
/// Only finished work counts: an event is processed once its metrics were acknowledged by Kafka.
/// </summary>
public sealed class PipelineCounters
{
    private long _eventsReceived;
    private long _eventsProcessed;
    private long _deadLettered;
    private long _metricBytes;
    private long _dispatchedLate;
    private long _maxLatenessTicks;
    private readonly ConcurrentDictionary<string, long> _recordsByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _processedByType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _profileByType = new(StringComparer.Ordinal);

    public long EventsReceived => Interlocked.Read(ref _eventsReceived);
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
    public IReadOnlyDictionary<string, long> MetricRecordsByTopic => new SortedDictionary<string, long>(_recordsByTopic, StringComparer.Ordinal);

    /// <summary>Events processed, per event type.</summary>
    public IReadOnlyDictionary<string, long> ProcessedByType => new SortedDictionary<string, long>(_processedByType, StringComparer.Ordinal);

    /// <summary>The profile each event type runs with now.</summary>
    public IReadOnlyDictionary<string, string> ProfileByType => new SortedDictionary<string, string>(_profileByType, StringComparer.Ordinal);

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

    internal void Received() => Interlocked.Increment(ref _eventsReceived);

    internal void Processed(string eventType)
    {
        Interlocked.Increment(ref _eventsProcessed);
        _processedByType.AddOrUpdate(eventType, 1, (_, n) => n + 1);
    }

    internal void ProfileChosen(string eventType, string profile) => _profileByType[eventType] = profile;

    internal void DeadLetter() => Interlocked.Increment(ref _deadLettered);

    internal void MetricRecords(string topic, int records, int bytes)
    {
        _recordsByTopic.AddOrUpdate(topic, static (_, added) => added, static (_, n, added) => n + added, (long)records);
        Interlocked.Add(ref _metricBytes, bytes);
    }

    internal void Late(TimeSpan lateness)
    {
        Interlocked.Increment(ref _dispatchedLate);
        var ticks = lateness.Ticks;
        for (var seen = Interlocked.Read(ref _maxLatenessTicks); ticks > seen; seen = Interlocked.Read(ref _maxLatenessTicks))
            Interlocked.CompareExchange(ref _maxLatenessTicks, ticks, seen);
    }
}
