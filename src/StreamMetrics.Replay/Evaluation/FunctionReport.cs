namespace StreamMetrics.Replay.Evaluation;

/// <summary>One function's row under one policy.</summary>
public sealed record FunctionReport(
    string Function,
    long Invocations,
    long ColdStarts,
    double ColdStartRate,
    double InstanceSeconds,
    double IdleInstanceSeconds,
    double QueueP50Ms,
    double QueueP99Ms,
    int PeakInstances);
