namespace StreamMetrics.Core.Functions;

/// <summary>A snapshot of the worker pool (what the scaling actor and the console view read).</summary>
/// <param name="Parallelism">Current limit on concurrent invocations.</param>
/// <param name="Running">Invocations holding a slot now.</param>
/// <param name="Queued">Invocations waiting for a slot.</param>
/// <param name="Instances">Instances that exist: busy + idle + starting.</param>
/// <param name="Busy">Instances running an invocation.</param>
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
    int Busy,
    int Idle,
    int Starting,
    long ColdStarts,
    long Invocations,
    int InstancesMax,
    IReadOnlyDictionary<string, TypePoolStatistics> Types);
