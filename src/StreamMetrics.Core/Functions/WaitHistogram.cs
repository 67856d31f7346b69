using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// Queueing delays in 1 ms bins up to a longest expected wait (longer ones land in the last bin; the maximum is kept
/// exactly), mergeable across functions. Not thread-safe: the owner guards it.
/// </summary>
public sealed class WaitHistogram
{
    private long[] _bins;

    /// <summary>A histogram binning waits up to <paramref name="longestWaitSeconds"/> seconds (default 1 s).</summary>
    public WaitHistogram(double longestWaitSeconds = 1) => _bins = new long[(int)Math.Ceiling(longestWaitSeconds * 1000) + 2];

    private WaitHistogram(long[] bins, long count, double maxMs)
    {
        _bins = bins;
        Count = count;
        MaxMs = maxMs;
    }

    /// <summary>Waits added so far.</summary>
    public long Count { get; private set; }

    /// <summary>The longest wait added, in milliseconds (exact, not binned); 0 when empty.</summary>
    public double MaxMs { get; private set; }

    /// <summary>Adds one wait of <paramref name="waitSeconds"/> seconds (negative ones count as 0).</summary>
    public void Add(double waitSeconds)
    {
        // Most invocations do not wait; the maximum is never below 0, so such a wait only counts.
        if (waitSeconds <= 0)
        {
            _bins[0]++;
            Count++;
            return;
        }
        var ms = waitSeconds * 1000;
        var bin = (int)Math.Min(_bins.Length - 1, Math.Max(0, Math.Floor(ms)));
        _bins[bin]++;
        Count++;
        MaxMs = Math.Max(MaxMs, ms);
    }

    /// <summary>Adds every wait of <paramref name="other"/>, growing to its range if it is longer.</summary>
    public void Merge(WaitHistogram other)
    {
        if (other._bins.Length > _bins.Length)
            Array.Resize(ref _bins, other._bins.Length);
        for (var i = 0; i < other._bins.Length; i++)
            _bins[i] += other._bins[i];
        Count += other.Count;
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    /// <summary>An independent copy: later additions to either do not show in the other.</summary>
    public WaitHistogram Copy() => new((long[])_bins.Clone(), Count, MaxMs);

    /// <summary>
    /// The waits added since <paramref name="earlier"/>, a copy of this histogram taken before. Their maximum is exact
    /// when it exceeds the earlier one; otherwise it is the upper edge of the highest bin that gained waits.
    /// </summary>
    public WaitHistogram Since(WaitHistogram earlier)
    {
        var bins = (long[])_bins.Clone();
        for (var i = 0; i < Math.Min(bins.Length, earlier._bins.Length); i++)
            bins[i] -= earlier._bins[i];
        var highest = Array.FindLastIndex(bins, n => n > 0);
        var maxMs = MaxMs > earlier.MaxMs ? MaxMs : highest < 0 ? 0 : highest + 1;
        return new WaitHistogram(bins, Count - earlier.Count, maxMs);
    }

    /// <summary>The delay (ms, lower edge of its 1 ms bin) at percentile <paramref name="percentile"/> (0..100); 0 when empty.</summary>
    public double PercentileMs(double percentile)
    {
        if (Count == 0)
            return 0;
        return BinnedPercentile.Bin(_bins, Count, percentile);
    }
}
