namespace StreamMetrics.Core.Scaling;

/// <summary>Percentiles of histograms kept as counts per bin, as the hybrid policy and the simulator's wait statistics keep them.</summary>
public static class BinnedPercentile
{
    /// <summary>
    /// The first bin at which the cumulative count reaches <paramref name="percentile"/> (0..100) of <paramref name="total"/>;
    /// the last bin when the counts fall short of it.
    /// </summary>
    public static int Bin(ReadOnlySpan<long> bins, long total, double percentile)
    {
        var wanted = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            seen += bins[i];
            if (seen >= wanted)
                return i;
        }
        return bins.Length - 1;
    }
}
