using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>A scaling decision as published on <c>scaling</c>: the decision, the instance count before it, the policy and when.</summary>
public sealed record ScalingRecord(ScaleDecision Decision, int PreviousInstances, string Policy, DateTimeOffset At);
