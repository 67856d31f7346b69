namespace StreamMetrics.Replay.Evaluation;

/// <summary>Everything <c>streammetrics evaluate</c> writes as JSON; key names are the report's contract.</summary>
public sealed record EvaluationReport(
    string Trace,
    string Durations,
    int Seed,
    double ColdStartMs,
    double TickMs,
    int Functions,
    string DispatchRule,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, PolicyReport> Policies,
    IReadOnlyDictionary<string, IReadOnlyList<FrontierPoint>> Frontier,
    string DefaultPredictiveSetting,
    string ClosestToOracleMinute,
    MetricVolumeReport MetricVolume);
