namespace StreamMetrics.Core.Metrics;

/// <summary>One recorded metric value (Avro schema <c>MetricSample</c>); a value, so that recording one allocates nothing.</summary>
/// <param name="Source">The input record whose invocation recorded it; null until the pipeline stamps it, and in records of schema version 1.</param>
public readonly record struct MetricSample(
    string EventType,
    string Profile,
    string Metric,
    double Value,
    DateTimeOffset Timestamp,
    string InstanceId,
    SourceIdentity? Source = null);
