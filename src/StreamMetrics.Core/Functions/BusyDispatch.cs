namespace StreamMetrics.Core.Functions;

/// <summary>
/// The simulator's estimate of how long one more invocation would wait for a busy or starting instance of a config:
/// running instances free up in order of their remaining time (the type's expected execution time less the time run, or,
/// for an execution already past it, one more expected execution: execution times are heavy-tailed, and one that has
/// run long is no closer to its end), instances in a cold start one execution after they are ready, and the waiters
/// already queued take them first, one execution each.
/// A type none of whose executions has ended yet is expected to take as long as the pool's executions of every type;
/// while none at all has ended, each instance takes at most one waiter.
/// </summary>
internal static class BusyDispatch
{
    public static TimeSpan? ExpectedWait(ConfigInstances instances, TimeSpan mean, TimeProvider time)
    {
        if (instances.Running.Count + instances.ClaimedStarting.Count == 0)
            return null;
        var now = time.GetTimestamp();
        var remaining = instances.Running
            .Select(i => time.GetElapsedTime(i.BusySince, now))
            .Select(run => run < mean ? mean - run : mean)
            .Concat(instances.ClaimedStarting.Select(i => time.GetElapsedTime(now, i.ReadyAt) + mean))
            .Select(r => r > TimeSpan.Zero ? r : TimeSpan.Zero)
            .Order()
            .ToList();
        var queued = instances.Waiters.Count;
        // Before the pool's first execution ends nothing is known: each instance takes at most one waiter until then.
        if (mean <= TimeSpan.Zero && queued >= remaining.Count)
            return null;
        return remaining[queued % remaining.Count] + mean * (queued / remaining.Count);
    }
}
