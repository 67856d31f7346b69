using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The pool's running counts for one event type and their time integrals (guarded by the pool's lock). The integrals
/// are advanced lazily: every change of an integrated count first adds count × time since the previous change, so they
/// are exact for counts that only change through these methods.
/// </summary>
internal sealed class TypeInstanceCounts
{
    /// <summary>
    /// Memory of <see cref="MeanDuration"/>: executions weigh e^(−age / memory). Execution times are heavy-tailed (a p99
    /// ten times the mean is common), so a memory counted in invocations would swing the scaling policies' Little's-law
    /// sizing with every slow invocation of a busy function; ten minutes holds thousands of a busy function's executions
    /// and still follows a changed function within minutes.
    /// </summary>
    public static readonly TimeSpan DurationMemory = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private long _integratedTo;
    private double _weightedDurationSeconds;
    private double _weightedExecutions;
    private long _weightedAt;

    public TypeInstanceCounts(TimeProvider time)
    {
        _time = time;
        _integratedTo = time.GetTimestamp();
    }

    public int Instances { get; private set; }

    public int Busy { get; set; }

    public int Starting { get; set; }

    public long ColdStarts { get; private set; }

    public long Invocations { get; private set; }

    public long Arrivals { get; private set; }

    public long OnDemandStarts { get; set; }

    public int InFlight { get; private set; }

    public double InstanceSeconds { get; private set; }

    public double InFlightSeconds { get; private set; }

    public double BusySeconds { get; private set; }

    /// <summary>The config the type's latest invocation asked for: per-type pre-warming starts instances of it.</summary>
    public MetricConfig? LatestConfig { get; set; }

    public TimeSpan MeanDuration { get; private set; }

    public void InstanceStarted()
    {
        IntegrateToNow();
        Instances++;
        Starting++;
        ColdStarts++;
    }

    public void InstanceRetired()
    {
        IntegrateToNow();
        Instances--;
    }

    public void Arrived()
    {
        IntegrateToNow();
        Arrivals++;
        InFlight++;
    }

    public void Left()
    {
        IntegrateToNow();
        InFlight--;
    }

    public void Completed(TimeSpan duration)
    {
        Invocations++;
        BusySeconds += duration.TotalSeconds;
        // A weighted mean rather than a weighted update of the mean: no bias towards the first execution.
        var now = _time.GetTimestamp();
        var kept = Invocations == 1 ? 0 : Math.Exp(-_time.GetElapsedTime(_weightedAt, now) / DurationMemory);
        _weightedDurationSeconds = _weightedDurationSeconds * kept + duration.TotalSeconds;
        _weightedExecutions = _weightedExecutions * kept + 1;
        _weightedAt = now;
        MeanDuration = TimeSpan.FromSeconds(_weightedDurationSeconds / _weightedExecutions);
    }

    /// <summary>The figures as of now: brings the integrals up to now, changing nothing else.</summary>
    public TypePoolStatistics Snapshot(string eventType)
    {
        IntegrateToNow();
        return new TypePoolStatistics(eventType, Instances, Busy, ColdStarts, Invocations, MeanDuration)
        {
            Starting = Starting,
            Arrivals = Arrivals,
            OnDemandStarts = OnDemandStarts,
            InstanceSeconds = InstanceSeconds,
            BusySeconds = BusySeconds,
            InFlight = InFlight,
            InFlightSeconds = InFlightSeconds,
        };
    }

    private void IntegrateToNow()
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_integratedTo, now).TotalSeconds;
        InstanceSeconds += Instances * seconds;
        InFlightSeconds += InFlight * seconds;
        _integratedTo = now;
    }
}
