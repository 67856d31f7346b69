namespace StreamMetrics.Pipeline.Scaling;

/// <summary>
/// Drops the ticks that queued up while a tick overran its interval. With 100,000 event types one tick (every type's
/// forecast, the pool's statistics) can take longer than the interval, and the timer keeps sending ticks meanwhile:
/// run back to back, they would repeat the same work on the same figures with no pause, the stream waiting on the
/// tables' locks each time. After a tick that took at least an interval, ticks are skipped for half an interval more;
/// a tick within its interval changes nothing.
/// </summary>
internal sealed class TickGate(TimeSpan interval)
{
    private DateTimeOffset _restUntil = DateTimeOffset.MinValue;

    /// <summary>Ticks skipped so far.</summary>
    public long Skipped { get; private set; }

    /// <summary>Whether a tick arriving <paramref name="now"/> runs; false while resting after an overrun.</summary>
    public bool ShouldRun(DateTimeOffset now)
    {
        if (now >= _restUntil)
            return true;
        Skipped++;
        return false;
    }

    /// <summary>A tick ran from <paramref name="started"/> to <paramref name="ended"/> (the service's clock).</summary>
    public void Ran(DateTimeOffset started, DateTimeOffset ended) =>
        _restUntil = ended - started >= interval ? ended + interval / 2 : DateTimeOffset.MinValue;
}
