namespace StreamMetrics.Core.Metrics;

/// <summary>One recorded metric value (Avro schema <c>MetricSample</c>).</summary>
public sealed record MetricSample(
    string EventType,
    string Profile,
    string Metric,
    double Value,
    DateTimeOffset Timestamp,
    string InstanceId);
