using System.Diagnostics.CodeAnalysis;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The pool's figures: per-type counts and integrals, pool-wide instance counts and the queueing-wait histogram, and the
/// snapshot built from them. Guarded by the pool's lock; every time comes from the pool's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PoolAccounting(TimeProvider time, IReadOnlyDictionary<string, TimeSpan> expectedDurations)
{
    /// <summary>Waits up to a minute (the longest cold start allowed) are binned; longer ones share the last bin.</summary>
    private const double LongestBinnedWaitSeconds = 60;

    private readonly Dictionary<string, TypeInstanceCounts> _byType = new(StringComparer.Ordinal);
    private readonly WaitHistogram _waits = new(LongestBinnedWaitSeconds);
    private readonly AgeWeightedMean _duration = new();
    private readonly long _createdAt = time.GetTimestamp();
    private int _instances;
    private int _instancesMax;

    public TypeInstanceCounts Of(string eventType)
    {
        if (!_byType.TryGetValue(eventType, out var counts))
        {
            counts = new TypeInstanceCounts(time);
            _byType.Add(eventType, counts);
        }
        return counts;
    }

    public bool TryGet(string eventType, [MaybeNullWhen(false)] out TypeInstanceCounts counts) => _byType.TryGetValue(eventType, out counts);

    public void InstanceStarted(string eventType)
    {
        Of(eventType).InstanceStarted();
        _instances++;
        _instancesMax = Math.Max(_instancesMax, _instances);
    }

    public void InstanceReady(string eventType) => Of(eventType).InstanceReady();

    public void InstanceRetired(string eventType)
    {
        Of(eventType).InstanceRetired();
        _instances--;
    }

    /// <summary>An invocation starts executing after queueing for <paramref name="wait"/>.</summary>
    public void ExecutionStarted(string eventType, TimeSpan wait)
    {
        Of(eventType).ExecutionStarted();
        _waits.Add(wait.TotalSeconds);
    }

    /// <summary>An invocation stops executing: it completed in <paramref name="execution"/>, or failed (null).</summary>
    public void ExecutionEnded(string eventType, TimeSpan? execution)
    {
        var counts = Of(eventType);
        counts.ExecutionEnded();
        if (execution is { } duration)
        {
            // Any fixed origin on the pool's clock serves: the means use only the times between ends.
            var endedAt = time.GetElapsedTime(_createdAt);
            counts.Completed(duration, endedAt);
            _duration.Add(duration, endedAt);
        }
    }

    /// <summary>
    /// What one execution of <paramref name="eventType"/> is expected to take: its own mean once one has ended, else
    /// the duration it was given (<see cref="WorkerPoolOptions.ExpectedDurations"/>), else the mean over every type
    /// (zero while nothing has ended).
    /// </summary>
    public TimeSpan ExpectedDuration(string eventType, TypeInstanceCounts counts) =>
        counts.Invocations > 0 ? counts.MeanDuration : expectedDurations.GetValueOrDefault(eventType, _duration.Value);

    public WaitHistogram CopyWaits() => _waits.Copy();

    /// <summary>The snapshot as of now; the slot figures and the idle count are the pool's.</summary>
    public PoolStatistics Snapshot(int parallelism, int running, int queued, int idle)
    {
        var types = _byType.ToDictionary(
            entry => entry.Key,
            entry => entry.Value.Snapshot(entry.Key) with { ExpectedDuration = ExpectedDuration(entry.Key, entry.Value) },
            StringComparer.Ordinal);
        var all = types.Values;
        return new PoolStatistics(
            parallelism, running, queued, _instances, all.Sum(t => t.Executing), idle, all.Sum(t => t.Starting),
            all.Sum(t => t.ColdStarts), all.Sum(t => t.Invocations), _instancesMax, types)
        {
            Arrivals = all.Sum(t => t.Arrivals),
            OnDemandStarts = all.Sum(t => t.OnDemandStarts),
            InstanceSeconds = all.Sum(t => t.InstanceSeconds),
            ExecutionSeconds = all.Sum(t => t.ExecutionSeconds),
            InFlight = all.Sum(t => t.InFlight),
            InFlightSeconds = all.Sum(t => t.InFlightSeconds),
            Waits = new WaitSummary(_waits.Count, _waits.PercentileMs(50), _waits.PercentileMs(99), _waits.MaxMs),
        };
    }
}
