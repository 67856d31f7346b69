namespace StreamMetrics.Replay.Live;

/// <summary>One function live and in the simulator.</summary>
public sealed record ReplayFunctionRow(
    string Function,
    long Invocations,
    long ColdStarts,
    long SimulatedColdStarts,
    double InstanceSeconds,
    double SimulatedInstanceSeconds,
    double IdleInstanceSeconds,
    double SimulatedIdleInstanceSeconds);
