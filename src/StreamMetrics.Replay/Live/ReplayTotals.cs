namespace StreamMetrics.Replay.Live;

/// <summary>One side's totals, under the names <c>evaluate</c> uses for a policy (<c>policies.&lt;name&gt;.coldStarts</c>, ...).</summary>
public sealed record ReplayTotals(
    long Invocations,
    long ColdStarts,
    double ColdStartRate,
    double QueueP50Ms,
    double QueueP99Ms,
    double QueueMaxMs,
    double InstanceSeconds,
    double IdleInstanceSeconds,
    long MetricRecords,
    long MetricBytes);
