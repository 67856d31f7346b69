namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// The bench's end-to-end latencies, in 1 ms bins up to a minute (longer ones land in the last bin), fed by the
/// service's own end-to-end histogram (<see cref="Pipeline.Graph.StageLatencies.EndToEnd"/>) while the bench listens to
/// it. Lock-free, since every acknowledged event adds to it. Record timestamps carry milliseconds, so finer bins would
/// measure nothing more.
/// </summary>
internal sealed class EndToEndLatency
{
    private const int Bins = 60_001;
    private readonly long[] _bins = new long[Bins];
    private long _count;

    /// <summary>Events added since the start or the last <see cref="Reset"/>.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Starts afresh, e.g. when a measured phase begins; not atomic against concurrent adds.</summary>
    public void Reset()
    {
        for (var i = 0; i < Bins; i++)
            Interlocked.Exchange(ref _bins[i], 0);
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the events fell, in milliseconds (upper bin edge); 0 when empty.</summary>
    public double PercentileMs(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = 0;
        for (var i = 0; i < Bins; i++)
            total += Interlocked.Read(ref _bins[i]);
        if (total == 0)
            return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < Bins; i++)
        {
            seen += Interlocked.Read(ref _bins[i]);
            if (seen >= rank)
                return i + 1;
        }
        return Bins;
    }

    public void Add(TimeSpan latency)
    {
        var bin = (int)Math.Clamp(latency.TotalMilliseconds, 0, Bins - 1);
        Interlocked.Increment(ref _bins[bin]);
        Interlocked.Increment(ref _count);
    }
}
