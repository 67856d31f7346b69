namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>A clock the benchmark moves by hand, so that buckets close at a known rate.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
