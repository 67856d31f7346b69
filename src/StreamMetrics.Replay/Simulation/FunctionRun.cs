namespace StreamMetrics.Replay.Simulation;

/// <summary>One function's outcome under one policy.</summary>
/// <param name="Function">The function's id.</param>
/// <param name="Invocations">Invocations simulated.</param>
/// <param name="ColdStarts">Invocations that had to start a new instance.</param>
/// <param name="InstanceSeconds">Seconds instances existed (starting, idle or executing): the cost.</param>
/// <param name="ExecutionSeconds">Seconds instances executed invocations.</param>
/// <param name="QueueP50Ms">Median wait for an instance that was busy or starting (cold starts not included), ms.</param>
/// <param name="QueueP99Ms">99th percentile of that wait, ms.</param>
/// <param name="QueueMaxMs">Longest such wait, ms.</param>
/// <param name="PeakInstances">Most instances alive at once.</param>
public sealed record FunctionRun(
    string Function,
    long Invocations,
    long ColdStarts,
    double InstanceSeconds,
    double ExecutionSeconds,
    double QueueP50Ms,
    double QueueP99Ms,
    double QueueMaxMs,
    int PeakInstances)
{
    /// <summary>Instance-seconds not spent executing (starting or idle): the waste.</summary>
    public double IdleInstanceSeconds => InstanceSeconds - ExecutionSeconds;

    public double ColdStartRate => Invocations == 0 ? 0 : (double)ColdStarts / Invocations;
}
