namespace StreamMetrics.Hosting.Bench;

/// <summary>End-to-end latency (event timestamp to metrics acknowledged) in milliseconds, at <see cref="RatePerSecond"/>, half the measured maximum.</summary>
public sealed record BenchLatency(double P50, double P99, double RatePerSecond, long Events);
