namespace StreamMetrics.Replay.Evaluation;

/// <summary>Metric records and bytes under one profile choice.</summary>
public sealed record MetricVolume(long Records, long Bytes);
