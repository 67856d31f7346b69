namespace StreamMetrics.Replay.Evaluation;

/// <summary>One setting of a policy's cost knob and what it cost.</summary>
public sealed record FrontierPoint(double Setting, long ColdStarts, double ColdStartRate, double InstanceSeconds);
