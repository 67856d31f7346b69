using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// The three profiles the configurator moves between as predicted load falls and rises. The busier a type, the less each
/// event is worth watching and the more records it would produce, so busy types get the lightest profile.
/// </summary>
public static class BuiltInProfiles
{
    /// <summary>
    /// For busy types (predicted rate at or above <c>medium</c> would be debug; see <see cref="ProfileSelectorOptions"/>):
    /// <c>latency_ms</c> every 100 events, <c>cold_start</c> every event (cold starts are rare and what operators look for);
    /// retention 1 day.
    /// </summary>
    public static MetricProfile Minimal { get; } = new("minimal",
    [
        new(MetricNames.LatencyMs, new SamplingRule.EveryNEvents(100)),
        new(MetricNames.ColdStart, new SamplingRule.EveryEvent()),
    ], TimeSpan.FromDays(1));

    /// <summary>
    /// <c>latency_ms</c> and <c>queue_wait_ms</c> every 10 events, <c>cold_start</c> every event, <c>cpu_time_ms</c> once per
    /// 10 s per instance; retention 3 days.
    /// </summary>
    public static MetricProfile Standard { get; } = new("standard",
    [
        new(MetricNames.LatencyMs, new SamplingRule.EveryNEvents(10)),
        new(MetricNames.QueueWaitMs, new SamplingRule.EveryNEvents(10)),
        new(MetricNames.ColdStart, new SamplingRule.EveryEvent()),
        new(MetricNames.CpuTimeMs, new SamplingRule.EveryInterval(TimeSpan.FromSeconds(10))),
    ], TimeSpan.FromDays(3));

    /// <summary>All six metrics on every event; retention 6 hours, because this is by far the most voluminous profile.</summary>
    public static MetricProfile Debug { get; } = new("debug",
        [.. MetricNames.All.Select(metric => new MetricRule(metric, new SamplingRule.EveryEvent()))],
        TimeSpan.FromHours(6));

    /// <summary>Minimal, standard, debug: the order of rising detail the configurator uses.</summary>
    public static IReadOnlyList<MetricProfile> All { get; } = [Minimal, Standard, Debug];
}
