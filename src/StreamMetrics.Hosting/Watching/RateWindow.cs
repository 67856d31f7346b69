namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// Counts records per whole second of the time they were written and gives their mean rate over the last complete
/// seconds of a window; the second still running is left out, since its count is not final yet.
/// </summary>
internal sealed class RateWindow(TimeSpan window)
{
    private readonly long _seconds = Math.Max(1, (long)window.TotalSeconds);
    private readonly Dictionary<long, long> _perSecond = [];

    public void Add(DateTimeOffset at)
    {
        var second = at.ToUnixTimeSeconds();
        _perSecond[second] = _perSecond.GetValueOrDefault(second) + 1;
        // Bounded however long it runs: seconds older than two windows can never count again.
        if (_perSecond.Count > 4 * _seconds)
            Forget(before: second - 2 * _seconds);
    }

    /// <summary>
    /// The mean rate over the complete seconds of the window before <paramref name="now"/>, counting only from
    /// <paramref name="readSince"/>: a view that started reading at the end of a topic has not seen the window's
    /// earlier seconds, and dividing by them would understate the rate.
    /// </summary>
    public double PerSecond(DateTimeOffset now, DateTimeOffset readSince)
    {
        var end = now.ToUnixTimeSeconds();
        var start = end - _seconds;
        Forget(before: start);
        // The first whole second after it: a second read only in part would count too few.
        if (readSince > DateTimeOffset.UnixEpoch)
            start = Math.Max(start, (readSince.ToUnixTimeMilliseconds() + 999) / 1000);
        return end > start ? _perSecond.Where(entry => entry.Key >= start && entry.Key < end).Sum(entry => entry.Value) / (double)(end - start) : 0;
    }

    private void Forget(long before)
    {
        foreach (var second in _perSecond.Keys.Where(s => s < before).ToList())
            _perSecond.Remove(second);
    }
}
