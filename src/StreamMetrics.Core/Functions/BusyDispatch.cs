namespace StreamMetrics.Core.Functions;

/// <summary>
/// The simulator's estimate of how long one more invocation would wait for a running instance of a config: running
/// instances free up in order of their remaining time (by the type's mean execution time), and the waiters already queued
/// take them first, one mean execution time each.
/// </summary>
internal static class BusyDispatch
{
    public static TimeSpan? ExpectedWait(ConfigInstances instances, TimeSpan mean, TimeProvider time)
    {
        if (instances.Running.Count == 0 || mean <= TimeSpan.Zero)
            return null;
        var remaining = instances.Running
            .Select(i => mean - time.GetElapsedTime(i.BusySince))
            .Select(r => r > TimeSpan.Zero ? r : TimeSpan.Zero)
            .Order()
            .ToList();
        var queued = instances.Waiters.Count;
        return remaining[queued % remaining.Count] + mean * (queued / remaining.Count);
    }
}
