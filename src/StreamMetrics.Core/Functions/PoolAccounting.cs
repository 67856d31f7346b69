using System.Diagnostics.CodeAnalysis;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The pool's figures: per-type counts and integrals, pool-wide instance counts and the queueing-wait histogram, and the
/// snapshot built from them. Guarded by the pool's lock; every time comes from the pool's <see cref="TimeProvider"/>.
/// The per-type table is bounded (<see cref="TypeTableOptions"/>), counting a type as seen when an invocation arrives;
/// a type with invocations in flight or instances starting is never forgotten. Forgetting a type first has the
/// instance lifecycle retire its instances, then adds its figures to the pool's totals, which never go down.
/// </summary>
internal sealed class PoolAccounting
{
    /// <summary>Waits up to a minute (the longest cold start allowed) are binned; longer ones share the last bin.</summary>
    private const double LongestBinnedWaitSeconds = 60;

    private readonly TimestampScale _scale;
    private readonly IReadOnlyDictionary<string, TimeSpan> _expectedDurations;
    private readonly RecentTypes<TypeInstanceCounts> _byType;
    private readonly Func<string, TypeInstanceCounts> _newCounts;
    private readonly ForgottenTypeTotals _forgotten = new();
    private readonly WaitHistogram _waits = new(LongestBinnedWaitSeconds);
    private readonly AgeWeightedMean _duration = new();
    private readonly long _createdAt;
    private int _instances;
    private int _instancesMax;

    public PoolAccounting(TimeProvider time, IReadOnlyDictionary<string, TimeSpan> expectedDurations, TypeTableOptions types, Action<string, TypeInstanceCounts> forgetInstances)
    {
        _scale = new TimestampScale(time);
        _expectedDurations = expectedDurations;
        _createdAt = time.GetTimestamp();
        _newCounts = _ => new TypeInstanceCounts(time);
        _byType = new RecentTypes<TypeInstanceCounts>(
            types, time,
            canEvict: counts => counts.InFlight == 0 && counts.Starting == 0,
            evicting: (type, counts) =>
            {
                forgetInstances(type, counts);
                _forgotten.Add(counts.Snapshot(type));
            });
    }

    /// <summary>Event types held now.</summary>
    public int TypeCount => _byType.Count;

    /// <summary>Most event types held at once so far.</summary>
    public int PeakTypeCount => _byType.PeakCount;

    /// <summary>
    /// An invocation of <paramref name="eventType"/> arrived at <paramref name="now"/> (a timestamp of the pool's clock):
    /// the type is seen then (a new one may push out another).
    /// </summary>
    public TypeInstanceCounts Arrived(string eventType, long now)
    {
        var counts = _byType.Touch(eventType, _newCounts, now);
        counts.Arrived(now);
        return counts;
    }

    /// <summary>The type's counts, added without counting the type as seen if it has none.</summary>
    public TypeInstanceCounts Of(string eventType) =>
        _byType.TryGet(eventType, out var counts) ? counts : _byType.Touch(eventType, _newCounts);

    public bool TryGet(string eventType, [MaybeNullWhen(false)] out TypeInstanceCounts counts) => _byType.TryGet(eventType, out counts);

    /// <summary>Forgets the types idle for the bound's idle timeout; returns how many.</summary>
    public int ForgetIdle() => _byType.EvictIdle();

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

    /// <summary>An invocation of the type <paramref name="counts"/> belong to starts executing after queueing for <paramref name="wait"/>.</summary>
    public void ExecutionStarted(TypeInstanceCounts counts, TimeSpan wait)
    {
        counts.ExecutionStarted();
        _waits.Add(wait.TotalSeconds);
    }

    /// <summary>
    /// An invocation of the type <paramref name="counts"/> belong to stops executing at <paramref name="now"/> (a
    /// timestamp of the pool's clock): it completed in <paramref name="execution"/>, or failed (null).
    /// </summary>
    public void ExecutionEnded(TypeInstanceCounts counts, TimeSpan? execution, long now)
    {
        counts.ExecutionEnded();
        if (execution is { } duration)
        {
            // Any fixed origin on the pool's clock serves: the means use only the times between ends.
            var endedAt = _scale.Between(_createdAt, now);
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
        counts.Invocations > 0 ? counts.MeanDuration : _expectedDurations.GetValueOrDefault(eventType, _duration.Value);

    public WaitHistogram CopyWaits() => _waits.Copy();

    /// <summary>The snapshot as of now; the slot figures and the idle count are the pool's.</summary>
    public PoolStatistics Snapshot(int parallelism, int running, int queued, int idle)
    {
        var types = _byType.Entries.ToDictionary(
            entry => entry.Key,
            entry => entry.Value.Snapshot(entry.Key) with { ExpectedDuration = ExpectedDuration(entry.Key, entry.Value) },
            StringComparer.Ordinal);
        var all = types.Values;
        var gone = _forgotten;
        return new PoolStatistics(
            parallelism, running, queued, _instances, all.Sum(t => t.Executing), idle, all.Sum(t => t.Starting),
            gone.ColdStarts + all.Sum(t => t.ColdStarts), gone.Invocations + all.Sum(t => t.Invocations), _instancesMax, types)
        {
            Arrivals = gone.Arrivals + all.Sum(t => t.Arrivals),
            OnDemandStarts = gone.OnDemandStarts + all.Sum(t => t.OnDemandStarts),
            InstanceSeconds = gone.InstanceSeconds + all.Sum(t => t.InstanceSeconds),
            ExecutionSeconds = gone.ExecutionSeconds + all.Sum(t => t.ExecutionSeconds),
            InFlight = all.Sum(t => t.InFlight),
            InFlightSeconds = gone.InFlightSeconds + all.Sum(t => t.InFlightSeconds),
            Waits = new WaitSummary(_waits.Count, _waits.PercentileMs(50), _waits.PercentileMs(99), _waits.MaxMs),
        };
    }
}
