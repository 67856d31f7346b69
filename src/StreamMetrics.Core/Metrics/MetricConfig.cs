using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The telemetry an instance of one event type's function collects, chosen before the instance starts.
/// Equal configs may share instances; a different config means new instances.
/// </summary>
public sealed record MetricConfig(string EventType, MetricProfile Profile);
