using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>The pool's running counts for one event type (guarded by the pool's lock).</summary>
internal sealed class TypeInstanceCounts
{
    /// <summary>Weight of the newest execution time in <see cref="MeanDuration"/>: follows a change within about ten invocations.</summary>
    private const double DurationWeight = 0.1;

    public int Instances { get; set; }

    public int Busy { get; set; }

    public int Starting { get; set; }

    public long ColdStarts { get; set; }

    public long Invocations { get; private set; }

    /// <summary>The config the type's latest invocation asked for: per-type pre-warming starts instances of it.</summary>
    public MetricConfig? LatestConfig { get; set; }

    public TimeSpan MeanDuration { get; private set; }

    public void Completed(TimeSpan duration)
    {
        Invocations++;
        MeanDuration = Invocations == 1
            ? duration
            : TimeSpan.FromTicks((long)(DurationWeight * duration.Ticks + (1 - DurationWeight) * MeanDuration.Ticks));
    }
}
