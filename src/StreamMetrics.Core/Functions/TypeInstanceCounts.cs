using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The pool's running counts for one event type and their time integrals (guarded by the pool's lock). The integrals
/// are advanced lazily: every change of an integrated count first adds count × time since the previous change, so they
/// are exact for counts that only change through these methods.
/// </summary>
internal sealed class TypeInstanceCounts
{
    private readonly TimeProvider _time;
    private readonly TimestampScale _scale;
    private readonly AgeWeightedMean _duration = new();
    private long _integratedTo;

    public TypeInstanceCounts(TimeProvider time)
    {
        _time = time;
        _scale = new TimestampScale(time);
        _integratedTo = time.GetTimestamp();
    }

    public int Instances { get; private set; }

    /// <summary>Its invocations executing now: from when an instance runs one until it ends.</summary>
    public int Executing { get; private set; }

    public int Starting { get; private set; }

    public long ColdStarts { get; private set; }

    public long Invocations { get; private set; }

    public long Arrivals { get; private set; }

    public long OnDemandStarts { get; set; }

    public int InFlight { get; private set; }

    public double InstanceSeconds { get; private set; }

    public double InFlightSeconds { get; private set; }

    public double ExecutionSeconds { get; private set; }

    /// <summary>Every config the type has had instances of (a few: one per profile it ran), so its instances and sampling counters can be found without a scan of the pool.</summary>
    public List<MetricConfig> Configs { get; } = [];

    /// <summary>The config the type's latest invocation asked for: per-type pre-warming starts instances of it.</summary>
    public MetricConfig? LatestConfig
    {
        get;
        set
        {
            if (ReferenceEquals(field, value))
                return;
            field = value;
            LatestInstances = null;
        }
    }

    /// <summary>
    /// The lifecycle's instances of <see cref="LatestConfig"/>, kept once found so that an invocation asking for the type's
    /// latest config claims from them without a lookup by config; null until found, and again when the config changes.
    /// </summary>
    public InstanceLifecycle.ConfigInstances? LatestInstances { get; set; }

    /// <summary>Mean execution time, by <see cref="AgeWeightedMean"/>; zero before the first.</summary>
    public TimeSpan MeanDuration => _duration.Value;

    public void InstanceStarted()
    {
        IntegrateToNow();
        Instances++;
        Starting++;
        ColdStarts++;
    }

    public void InstanceReady() => Starting--;

    public void InstanceRetired()
    {
        IntegrateToNow();
        Instances--;
    }

    public void ExecutionStarted() => Executing++;

    public void ExecutionEnded() => Executing--;

    /// <summary>
    /// An invocation arrived at <paramref name="now"/>, a timestamp of the pool's clock, which its caller may have read
    /// before the pool's lock: the integrals never run backwards.
    /// </summary>
    public void Arrived(long now)
    {
        IntegrateTo(Math.Max(now, _integratedTo));
        Arrivals++;
        InFlight++;
    }

    public void Left() => Left(_time.GetTimestamp());

    /// <summary>
    /// An invocation left at <paramref name="now"/>, a timestamp of the pool's clock read before the caller's lock: a
    /// concurrent invocation may have integrated past it meanwhile, and the integrals never run backwards.
    /// </summary>
    public void Left(long now)
    {
        IntegrateTo(Math.Max(now, _integratedTo));
        InFlight--;
    }

    /// <summary>An execution of <paramref name="duration"/> ended at <paramref name="endedAt"/> (see <see cref="AgeWeightedMean.Add(TimeSpan, TimeSpan)"/>).</summary>
    public void Completed(TimeSpan duration, TimeSpan endedAt)
    {
        Invocations++;
        ExecutionSeconds += duration.TotalSeconds;
        _duration.Add(duration, endedAt);
    }

    /// <summary>The figures as of now: brings the integrals up to now, changing nothing else.</summary>
    public TypePoolStatistics Snapshot(string eventType)
    {
        IntegrateToNow();
        return new TypePoolStatistics(eventType, Instances, Executing, ColdStarts, Invocations, MeanDuration)
        {
            Starting = Starting,
            Arrivals = Arrivals,
            OnDemandStarts = OnDemandStarts,
            InstanceSeconds = InstanceSeconds,
            ExecutionSeconds = ExecutionSeconds,
            InFlight = InFlight,
            InFlightSeconds = InFlightSeconds,
        };
    }

    private void IntegrateToNow() => IntegrateTo(_time.GetTimestamp());

    private void IntegrateTo(long now)
    {
        var seconds = _scale.Between(_integratedTo, now).TotalSeconds;
        InstanceSeconds += Instances * seconds;
        InFlightSeconds += InFlight * seconds;
        _integratedTo = now;
    }
}
