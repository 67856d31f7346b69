namespace StreamMetrics.Core.Functions;

/// <summary>
/// A mean of execution times in which each execution weighs e^(−age / <see cref="Memory"/>): a weighted mean rather
/// than a weighted update of the mean, so the first executions carry no bias. Times are given on any clock that only
/// moves forward (the live pool's, or the simulator's virtual one), so both see the same estimate. Not thread-safe.
/// </summary>
public sealed class AgeWeightedMean
{
    /// <summary>
    /// Execution times are heavy-tailed (a p99 ten times the mean is common), so a memory counted in invocations would
    /// swing the scaling policies' Little's-law sizing with every slow invocation of a busy function; ten minutes holds
    /// thousands of a busy function's executions and still follows a changed function within minutes.
    /// </summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    private static readonly double MemorySeconds = Memory.TotalSeconds;

    private double _weightedSeconds;
    private double _weight;
    private double _atSeconds;

    /// <summary>True once an execution was added.</summary>
    public bool HasValue => _weight > 0;

    /// <summary>The mean; zero before the first execution.</summary>
    public TimeSpan Value => TimeSpan.FromSeconds(Seconds);

    /// <summary>The mean in seconds; zero before the first execution.</summary>
    public double Seconds => _weight > 0 ? _weightedSeconds / _weight : 0;

    /// <summary>Adds an execution that ended at <paramref name="endedAt"/> (not before the previous one's end).</summary>
    public void Add(TimeSpan duration, TimeSpan endedAt) => Add(duration.TotalSeconds, endedAt.TotalSeconds);

    /// <inheritdoc cref="Add(TimeSpan, TimeSpan)"/>
    public void Add(double durationSeconds, double endedAtSeconds)
    {
        var kept = _weight > 0 ? Math.Exp(-(endedAtSeconds - _atSeconds) / MemorySeconds) : 0;
        _weightedSeconds = _weightedSeconds * kept + durationSeconds;
        _weight = _weight * kept + 1;
        _atSeconds = endedAtSeconds;
    }
}
