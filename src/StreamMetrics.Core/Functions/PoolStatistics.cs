namespace StreamMetrics.Core.Functions;

/// <summary>A snapshot of the worker pool (what the scaling actor and the console view read).</summary>
/// <param name="Parallelism">Current limit on concurrent invocations.</param>
/// <param name="Running">Invocations holding a slot now.</param>
/// <param name="Queued">Invocations waiting for a slot.</param>
/// <param name="Instances">Instances that exist: starting, idle, or claimed or running for an invocation.</param>
/// <param name="Executing">Invocations executing now, each on its own instance.</param>
/// <param name="Idle">Warm instances waiting for work.</param>
/// <param name="Starting">Instances in their cold start.</param>
/// <param name="ColdStarts">Instances started since the pool was created (pre-warmed ones included).</param>
/// <param name="Invocations">Invocations completed since the pool was created.</param>
/// <param name="InstancesMax">Most instances that existed at once.</param>
/// <param name="Types">Per event type.</param>
public sealed record PoolStatistics(
    int Parallelism,
    int Running,
    int Queued,
    int Instances,
    int Executing,
    int Idle,
    int Starting,
    long ColdStarts,
    long Invocations,
    int InstancesMax,
    IReadOnlyDictionary<string, TypePoolStatistics> Types)
{
    /// <summary>Invocations that reached the pool since it was created, all types (see <see cref="TypePoolStatistics.Arrivals"/>).</summary>
    public long Arrivals { get; init; }

    /// <summary>Invocations that started their own instance, all types (see <see cref="TypePoolStatistics.OnDemandStarts"/>).</summary>
    public long OnDemandStarts { get; init; }

    /// <summary>Instance-seconds of all types so far, seconds of the pool's clock (see <see cref="TypePoolStatistics.InstanceSeconds"/>).</summary>
    public double InstanceSeconds { get; init; }

    /// <summary>Execution seconds of all completed invocations (see <see cref="TypePoolStatistics.ExecutionSeconds"/>).</summary>
    public double ExecutionSeconds { get; init; }

    /// <summary><see cref="InstanceSeconds"/> − <see cref="ExecutionSeconds"/>, seconds.</summary>
    public double IdleInstanceSeconds => InstanceSeconds - ExecutionSeconds;

    /// <summary>Invocations arrived and not finished, all types (see <see cref="TypePoolStatistics.InFlight"/>).</summary>
    public int InFlight { get; init; }

    /// <summary>Time integral of <see cref="InFlight"/>, invocation-seconds (see <see cref="TypePoolStatistics.InFlightSeconds"/>).</summary>
    public double InFlightSeconds { get; init; }

    /// <summary>Queueing waits of all invocations so far; <see cref="WorkerPool.CopyWaits"/> gives the whole histogram.</summary>
    public WaitSummary Waits { get; init; } = WaitSummary.Empty;
}
