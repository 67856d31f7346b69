using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Draws execution times from a function's published percentiles by linear interpolation between them (an inverse CDF
/// through the points 0, 1, 25, 50, 75, 99, 100 %). Times are floored at 1 ms: some functions report 0 ms.
/// </summary>
internal sealed class DurationSampler
{
    private const double FloorSeconds = 0.001;
    private readonly double[] _levels = FunctionDurations.Levels;
    private readonly double[] _seconds;

    public DurationSampler(FunctionDurations durations)
    {
        _seconds = durations.PercentileValuesMs.Select(ms => Math.Max(FloorSeconds, ms / 1000)).ToArray();
        // Percentiles of 30-second averages are not always monotone after flooring; an inverse CDF must be.
        for (var i = 1; i < _seconds.Length; i++)
            _seconds[i] = Math.Max(_seconds[i], _seconds[i - 1]);
        MeanSeconds = Math.Max(FloorSeconds, durations.AverageMs / 1000);
    }

    /// <summary>The function's daily mean execution time (what a policy is told to expect).</summary>
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
        return _seconds[i - 1] + share * (_seconds[i] - _seconds[i - 1]);
    }
}
