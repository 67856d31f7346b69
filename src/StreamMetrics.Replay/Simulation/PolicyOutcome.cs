using StreamMetrics.Core.Functions;

namespace StreamMetrics.Replay.Simulation;

/// <summary>Every function's run under one policy, in trace order, with the merged queueing delays.</summary>
/// <param name="PoolPerMinute">Instances alive at each minute's start, for the functions that were asked to be recorded.</param>
public sealed record PolicyOutcome(
    string Name,
    IReadOnlyList<FunctionRun> Functions,
    WaitHistogram Waits,
    IReadOnlyDictionary<string, int[]> PoolPerMinute)
{
    public long Invocations => Functions.Sum(f => f.Invocations);
    public long ColdStarts => Functions.Sum(f => f.ColdStarts);
    public double ColdStartRate => Invocations == 0 ? 0 : (double)ColdStarts / Invocations;
    public double InstanceSeconds => Functions.Sum(f => f.InstanceSeconds);
    public double IdleInstanceSeconds => Functions.Sum(f => f.IdleInstanceSeconds);
}
