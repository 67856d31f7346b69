namespace StreamMetrics.Core.Functions;

/// <summary>
/// Queueing waits so far: for each invocation that started executing, the time from its arrival at the pool until then,
/// without the cold start of an instance it started itself (that is counted as a cold start) but with time waiting for
/// a slot, for a busy instance or for a pre-warmed one still starting.
/// </summary>
/// <param name="Count">Invocations whose wait is counted.</param>
/// <param name="P50Ms">Median wait, ms (lower edge of its 1 ms bin; waits over 60 s share the last bin).</param>
/// <param name="P99Ms">99th percentile wait, ms, binned likewise.</param>
/// <param name="MaxMs">Longest wait, ms, exact.</param>
public sealed record WaitSummary(long Count, double P50Ms, double P99Ms, double MaxMs)
{
    /// <summary>No waits yet.</summary>
    public static WaitSummary Empty { get; } = new(0, 0, 0, 0);
}
