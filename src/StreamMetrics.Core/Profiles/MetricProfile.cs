namespace StreamMetrics.Core.Profiles;

/// <summary>A named set of metrics with their sampling rules, and how long their records are kept.</summary>
/// <param name="Name">Profile name: lower case letters, digits, '-' and '_'.</param>
/// <param name="Metrics">The metrics collected; anything else is dropped at the source.</param>
/// <param name="Retention">Becomes <c>retention.ms</c> of the profile's topic.</param>
public sealed record MetricProfile(string Name, IReadOnlyList<MetricRule> Metrics, TimeSpan Retention)
{
    /// <summary>The Kafka topic the profile's metric records go to.</summary>
    public string Topic => $"metrics.{Name}";
}
