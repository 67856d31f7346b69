using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>The report, and the raw outcomes the plot is drawn from.</summary>
public sealed record EvaluationResult(EvaluationReport Report, IReadOnlyList<PolicyOutcome> Outcomes, IReadOnlyList<string> PoolFunctions);
