using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>What the pool reports for one invocation; a value, so that reporting one allocates nothing.</summary>
/// <param name="InstanceId">The instance that ran it.</param>
/// <param name="ColdStart">Whether the invocation waited for its instance to start (false when a warm or pre-warmed ready instance took it).</param>
/// <param name="QueueWait">Time waiting for a slot under the parallelism limit.</param>
/// <param name="Latency">Time from the call to the function's return: queue wait + cold start wait + execution.</param>
/// <param name="Samples">The metric samples the instance's recorder kept during this invocation (pool and function metrics).</param>
/// <param name="Execution">Time the function ran: from the start of its execution on the instance until it returned.</param>
/// <param name="Output">The function's result, or null.</param>
public readonly record struct Invocation(
    string InstanceId,
    bool ColdStart,
    TimeSpan QueueWait,
    TimeSpan Latency,
    IReadOnlyList<MetricSample> Samples,
    TimeSpan Execution,
    string? Output);
