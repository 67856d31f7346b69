namespace StreamMetrics.Core.Functions;

/// <summary>
/// The running totals of the types the pool has forgotten, so the pool-wide figures (arrivals, cold starts,
/// instance-seconds, ...) keep counting what those types did. Guarded by the pool's lock.
/// </summary>
internal sealed class ForgottenTypeTotals
{
    public long ColdStarts { get; private set; }

    public long Invocations { get; private set; }

    public long Arrivals { get; private set; }

    public long OnDemandStarts { get; private set; }

    public double InstanceSeconds { get; private set; }

    public double ExecutionSeconds { get; private set; }

    public double InFlightSeconds { get; private set; }

    /// <summary>Adds a forgotten type's figures as of its forgetting.</summary>
    public void Add(TypePoolStatistics type)
    {
        ColdStarts += type.ColdStarts;
        Invocations += type.Invocations;
        Arrivals += type.Arrivals;
        OnDemandStarts += type.OnDemandStarts;
        InstanceSeconds += type.InstanceSeconds;
        ExecutionSeconds += type.ExecutionSeconds;
        InFlightSeconds += type.InFlightSeconds;
    }
}
