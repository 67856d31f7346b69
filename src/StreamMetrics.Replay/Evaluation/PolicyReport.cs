namespace StreamMetrics.Replay.Evaluation;

/// <summary>One policy's totals over the trace, and its per-function rows.</summary>
public sealed record PolicyReport(
    long Invocations,
    long ColdStarts,
    double ColdStartRate,
    double QueueP50Ms,
    double QueueP99Ms,
    double QueueMaxMs,
    double InstanceSeconds,
    double IdleInstanceSeconds,
    long MetricRecords,
    long MetricBytes,
    IReadOnlyList<FunctionReport> Functions);
