namespace StreamMetrics.Core.Metrics;

/// <summary>
/// What a function instance records its metrics through. It keeps only the metrics its <see cref="MetricConfig"/> names,
/// at the configured rates; everything else is dropped here, at the source.
/// </summary>
public interface IMetricRecorder
{
    /// <summary>Whether the config names <paramref name="metric"/> at all (lets a function skip computing it).</summary>
    bool Wants(string metric);

    /// <summary>Records a value if the metric's sampling rule takes this event.</summary>
    void Record(string metric, double value);
}
