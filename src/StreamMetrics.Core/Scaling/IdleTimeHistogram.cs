namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Idle times of one function in fixed bins over a bounded range, plus a count of those beyond it
/// (the per-application histogram of "Serverless in the Wild", USENIX ATC 2020). Fixed size: one counter per bin.
/// </summary>
public sealed class IdleTimeHistogram
{
    private readonly HybridPolicyOptions _options;
    private readonly long[] _bins;
    private long _inRange;
    private long _outOfRange;

    public IdleTimeHistogram(HybridPolicyOptions options)
    {
        options.Validate();
        _options = options;
        _bins = new long[options.Bins];
    }

    public long Samples => _inRange + _outOfRange;

    public void Add(TimeSpan idle)
    {
        var bin = (long)(idle / _options.BinWidth);
        if (bin >= _bins.Length)
        {
            _outOfRange++;
        }
        else
        {
            _bins[Math.Max(0, bin)]++;
            _inRange++;
        }
    }

    /// <summary>
    /// The chance that an idle period which has lasted <paramref name="bins"/> whole bins ends in the next one
    /// (the histogram's hazard), or null with fewer than <paramref name="minSamples"/> idle times to go on.
    /// </summary>
    public double? Hazard(long bins, int minSamples)
    {
        if (Samples < minSamples)
            return null;
        if (bins >= _bins.Length)
            return 0;
        long atLeast = _outOfRange;
        for (var i = (int)Math.Max(0, bins); i < _bins.Length; i++)
            atLeast += _bins[i];
        return atLeast == 0 ? 0 : (double)_bins[Math.Max(0, bins)] / atLeast;
    }

    /// <summary>
    /// Pre-warm = start of the head percentile's bin less the margin; keep-alive = from there to the end of the tail
    /// percentile's bin plus the margin. Without a representative histogram: no pre-warm, keep alive for the whole range.
    /// </summary>
    public HybridWindows Windows()
    {
        if (!IsRepresentative())
            return new HybridWindows(TimeSpan.Zero, _options.Range, false);
        var head = _options.BinWidth * PercentileBin(_options.HeadPercentile);
        var tail = _options.BinWidth * (PercentileBin(_options.TailPercentile) + 1);
        var preWarm = head * (1 - _options.Margin);
        var keepAlive = (tail - preWarm) * (1 + _options.Margin);
        return new HybridWindows(preWarm, keepAlive, true);
    }

    private bool IsRepresentative()
    {
        if (Samples < _options.MinSamples || (double)_outOfRange / Samples > _options.MaxOutOfRangeShare)
            return false;
        var mean = (double)_inRange / _bins.Length;
        double squares = 0;
        foreach (var count in _bins)
            squares += (count - mean) * (count - mean);
        var cv = Math.Sqrt(squares / _bins.Length) / mean;
        return cv >= _options.MinBinCountCv;
    }

    /// <summary>The first bin at which the cumulative in-range count reaches the percentile.</summary>
    private int PercentileBin(double percentile) => BinnedPercentile.Bin(_bins, _inRange, percentile);
}
