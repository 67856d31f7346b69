namespace StreamMetrics.Core.Profiles;

/// <summary>How often a metric is recorded. Written in config as <c>"every"</c>, <c>"every 10"</c> or <c>"every 5s"</c>.</summary>
public abstract record SamplingRule
{
    /// <summary>Every event.</summary>
    public sealed record EveryEvent : SamplingRule;

    /// <summary>The N-th, 2N-th, ... event of the event type (counted over all instances of the type under one profile).</summary>
    public sealed record EveryNEvents(int N) : SamplingRule;

    /// <summary>At most once per interval on each instance (the first event after the interval has passed).</summary>
    public sealed record EveryInterval(TimeSpan Interval) : SamplingRule;
}
