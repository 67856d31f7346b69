namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Settings of the hybrid histogram policy of "Serverless in the Wild" (Shahrad et al., USENIX ATC 2020, section 4.2).
/// Defaults are the paper's: 1-minute bins over a 4-hour range, head at the 5th and tail at the 99th percentile, 10 % margins.
/// </summary>
public sealed class HybridPolicyOptions
{
    /// <summary>Width of one idle-time bin. Range 1 s to 1 h; default 1 minute.</summary>
    public TimeSpan BinWidth { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest idle time the histogram tracks; longer ones count as out of range. At least one bin; default 4 hours.</summary>
    public TimeSpan Range { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Percentile (0..100) whose bin gives the pre-warm window. Default 5.</summary>
    public double HeadPercentile { get; init; } = 5;

    /// <summary>Percentile (0..100) whose bin gives the end of the keep-alive window. Default 99.</summary>
    public double TailPercentile { get; init; } = 99;

    /// <summary>Share by which the pre-warm window is shortened and the keep-alive window lengthened. Range 0..0.5; default 0.1.</summary>
    public double Margin { get; init; } = 0.1;

    /// <summary>Fewest idle times before the histogram is trusted. At least 1; default 10.</summary>
    public int MinSamples { get; init; } = 10;

    /// <summary>Largest share of out-of-range idle times for which the histogram is still trusted. Range 0..1; default 0.5.</summary>
    public double MaxOutOfRangeShare { get; init; } = 0.5;

    /// <summary>
    /// Smallest coefficient of variation of the bin counts for which the histogram is trusted: a flat histogram shows
    /// no pattern (the paper's representativeness check). At least 0; default 2.
    /// </summary>
    public double MinBinCountCv { get; init; } = 2;

    internal int Bins => (int)Math.Max(1, Math.Ceiling(Range / BinWidth));

    public void Validate()
    {
        if (BinWidth < TimeSpan.FromSeconds(1) || BinWidth > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BinWidth), $"bin-width = {BinWidth.TotalSeconds}s, must be between 1s and 1h");
        if (Range < BinWidth)
            throw new ArgumentOutOfRangeException(nameof(Range), $"range = {Range.TotalMinutes}m, must be at least one bin ({BinWidth.TotalMinutes}m)");
        if (HeadPercentile < 0 || TailPercentile > 100 || HeadPercentile > TailPercentile)
            throw new ArgumentOutOfRangeException(nameof(HeadPercentile), $"head = {HeadPercentile}, tail = {TailPercentile}: need 0 <= head <= tail <= 100");
        if (Margin is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(Margin), $"margin = {Margin}, must be between 0 and 0.5");
        if (MinSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(MinSamples), $"min-samples = {MinSamples}, must be at least 1");
        if (MaxOutOfRangeShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MaxOutOfRangeShare), $"max-out-of-range-share = {MaxOutOfRangeShare}, must be between 0 and 1");
        if (MinBinCountCv < 0)
            throw new ArgumentOutOfRangeException(nameof(MinBinCountCv), $"min-bin-count-cv = {MinBinCountCv}, must be at least 0");
    }
}
