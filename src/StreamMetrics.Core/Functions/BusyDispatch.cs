namespace StreamMetrics.Core.Functions;

/// <summary>
/// How long one more invocation is expected to wait for a busy or starting instance, from what a dispatcher can know
/// without seeing the future: the live pool and the simulator both decide "wait or cold start" by it. Running instances
/// free up in order of their remaining time (the type's expected execution time less the time run, or, for an execution
/// already past it, one more expected execution: execution times are heavy-tailed, and one that has run long is no
/// closer to its end), instances in a cold start one execution after they are ready, and the waiters already queued
/// take them first, one execution each.
/// </summary>
public static class BusyDispatch
{
    /// <summary>The expected rest of an execution that has run <paramref name="run"/> seconds, by the type's mean.</summary>
    public static double RemainingSeconds(double run, double mean) => run < mean ? mean - run : mean;

    /// <summary>
    /// Seconds until the invocation behind <paramref name="queued"/> waiters is expected to start, given each running or
    /// claimed starting instance's expected seconds until it can take another invocation; null with no such instance.
    /// Reorders <paramref name="remaining"/>.
    /// </summary>
    public static double? ExpectedWaitSeconds(Span<double> remaining, int queued, double mean)
    {
        if (remaining.IsEmpty)
            return null;
        remaining.Sort();
        return Math.Max(0, remaining[queued % remaining.Length]) + mean * (queued / remaining.Length);
    }
}
