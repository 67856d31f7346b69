using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Draws execution times from a function's published percentiles (0, 1, 25, 50, 75, 99, 100 %) so that the draws hit
/// every percentile and average the function's recorded mean. Between two percentiles a and b the time at a share s of
/// the way is a + (b − a)·s^k. A straight line (k = 1) would put the mean of a heavy-tailed function far above its
/// recorded mean (a p75 of 0.5 s and a p99 of 3.8 s average 2.1 s in between, when most of those executions are near
/// 0.5 s), so one exponent k for all segments is fitted to the recorded mean. Times are floored at 1 ms: some functions
/// report 0 ms.
/// </summary>
internal sealed class DurationSampler
{
    private const double FloorSeconds = 0.001;

    /// <summary>Bounds of the fitted exponent: beyond them the draws barely move and a recorded mean is out of reach.</summary>
    private const double MinExponent = 1.0 / 64, MaxExponent = 64;

    private readonly double[] _levels = FunctionDurations.Levels;
    private readonly double[] _seconds;

    public DurationSampler(FunctionDurations durations)
    {
        _seconds = durations.PercentileValuesMs.Select(ms => Math.Max(FloorSeconds, ms / 1000)).ToArray();
        // Percentiles of 30-second averages are not always monotone after flooring; an inverse CDF must be.
        for (var i = 1; i < _seconds.Length; i++)
            _seconds[i] = Math.Max(_seconds[i], _seconds[i - 1]);
        Exponent = FitExponent(Math.Max(FloorSeconds, durations.AverageMs / 1000));
        MeanSeconds = MeanWith(Exponent);
    }

    /// <summary>The shape exponent k between percentiles: 1 is linear; larger keeps each segment near its lower percentile.</summary>
    public double Exponent { get; }

    /// <summary>
    /// The mean of the draws: the function's recorded mean whenever its percentiles allow it. The simulation expects it
    /// until its first execution ends.
    /// </summary>
    public double MeanSeconds { get; }

    public double MaxSeconds => _seconds[^1];

    /// <summary>The execution time at quantile <paramref name="u"/> in [0, 1).</summary>
    public double Sample(double u)
    {
        var i = 1;
        while (i < _levels.Length - 1 && u > _levels[i])
            i++;
        var span = _levels[i] - _levels[i - 1];
        var share = span <= 0 ? 0 : (u - _levels[i - 1]) / span;
        return _seconds[i - 1] + Math.Pow(share, Exponent) * (_seconds[i] - _seconds[i - 1]);
    }

    /// <summary>The mean of the draws with exponent <paramref name="k"/>: a segment's mean is a + (b − a) / (k + 1).</summary>
    private double MeanWith(double k)
    {
        var mean = 0.0;
        for (var i = 1; i < _levels.Length; i++)
            mean += (_levels[i] - _levels[i - 1]) * (_seconds[i - 1] + (_seconds[i] - _seconds[i - 1]) / (k + 1));
        return mean;
    }

    /// <summary>The exponent whose mean is <paramref name="target"/>, by bisection on log k (the mean falls as k grows).</summary>
    private double FitExponent(double target)
    {
        if (MeanWith(MaxExponent) >= target)
            return MaxExponent;
        if (MeanWith(MinExponent) <= target)
            return MinExponent;
        double low = Math.Log(MinExponent), high = Math.Log(MaxExponent);
        for (var step = 0; step < 60; step++)
        {
            var middle = (low + high) / 2;
            if (MeanWith(Math.Exp(middle)) > target)
                low = middle;
            else
                high = middle;
        }
        return Math.Exp((low + high) / 2);
    }
}
