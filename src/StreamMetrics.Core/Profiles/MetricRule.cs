namespace StreamMetrics.Core.Profiles;

/// <summary>One metric a profile collects, and how often.</summary>
public sealed record MetricRule(string Metric, SamplingRule Sampling);
