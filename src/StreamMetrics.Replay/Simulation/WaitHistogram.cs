using StreamMetrics.Core.Scaling;
namespace StreamMetrics.Replay.Simulation;

/// <summary>Queueing delays in 1 ms bins (a wait never exceeds the cold-start time), mergeable across functions.</summary>
public sealed class WaitHistogram
{
    private long[] _bins;

    public WaitHistogram(double longestWaitSeconds = 1) => _bins = new long[(int)Math.Ceiling(longestWaitSeconds * 1000) + 2];

    public long Count { get; private set; }

    public double MaxMs { get; private set; }

    public void Add(double waitSeconds)
    {
        var ms = waitSeconds * 1000;
        var bin = (int)Math.Min(_bins.Length - 1, Math.Max(0, Math.Floor(ms)));
        _bins[bin]++;
        Count++;
        MaxMs = Math.Max(MaxMs, ms);
    }

    public void Merge(WaitHistogram other)
    {
        if (other._bins.Length > _bins.Length)
            Array.Resize(ref _bins, other._bins.Length);
        for (var i = 0; i < other._bins.Length; i++)
            _bins[i] += other._bins[i];
        Count += other.Count;
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    /// <summary>The delay (ms, lower edge of its 1 ms bin) at percentile <paramref name="percentile"/> (0..100); 0 when empty.</summary>
    public double PercentileMs(double percentile)
    {
        if (Count == 0)
            return 0;
        return BinnedPercentile.Bin(_bins, Count, percentile);
    }
}
