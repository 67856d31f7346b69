namespace StreamMetrics.Core.Metrics;

/// <summary>The metrics the product records. Profiles may name only these, so a typo in a config is an error, not a silent gap.</summary>
public static class MetricNames
{
    /// <summary>Milliseconds from the pool receiving an invocation to the function returning (queue wait + cold start + execution).</summary>
    public const string LatencyMs = "latency_ms";

    /// <summary>Milliseconds an invocation waited for a free slot under the pool's parallelism limit.</summary>
    public const string QueueWaitMs = "queue_wait_ms";

    /// <summary>Milliseconds an invocation waited for its instance to start; 0 for a warm instance.</summary>
    public const string ColdStart = "cold_start";

    /// <summary>Milliseconds of compute the function reported for the invocation.</summary>
    public const string CpuTimeMs = "cpu_time_ms";

    /// <summary>UTF-8 bytes of the event payload (recorded by functions that read it).</summary>
    public const string PayloadBytes = "payload_bytes";

    /// <summary>UTF-8 bytes of the function's result (recorded by functions that return one).</summary>
    public const string ResultBytes = "result_bytes";

    /// <summary>Every known metric, pool metrics first.</summary>
    public static IReadOnlyList<string> All { get; } = [LatencyMs, QueueWaitMs, ColdStart, CpuTimeMs, PayloadBytes, ResultBytes];

    public static bool IsKnown(string metric) => All.Contains(metric, StringComparer.Ordinal);
}
