namespace StreamMetrics.Core.Functions;

/// <summary>
/// A mean of execution times in which each execution weighs e^(−age / <see cref="Memory"/>) on the pool's clock: a
/// weighted mean rather than a weighted update of the mean, so the first executions carry no bias. Not thread-safe.
/// </summary>
internal sealed class AgeWeightedMean(TimeProvider time)
{
    /// <summary>
    /// Execution times are heavy-tailed (a p99 ten times the mean is common), so a memory counted in invocations would
    /// swing the scaling policies' Little's-law sizing with every slow invocation of a busy function; ten minutes holds
    /// thousands of a busy function's executions and still follows a changed function within minutes.
    /// </summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    private double _weightedSeconds;
    private double _weight;
    private long _at;

    /// <summary>The mean; zero before the first execution.</summary>
    public TimeSpan Value => _weight > 0 ? TimeSpan.FromSeconds(_weightedSeconds / _weight) : TimeSpan.Zero;

    public void Add(TimeSpan duration)
    {
        var now = time.GetTimestamp();
        var kept = _weight > 0 ? Math.Exp(-time.GetElapsedTime(_at, now) / Memory) : 0;
        _weightedSeconds = _weightedSeconds * kept + duration.TotalSeconds;
        _weight = _weight * kept + 1;
        _at = now;
    }
}
