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
    MetricVolumeReport MetricVolume)
{
    /// <summary>
    /// For each baseline policy evaluated (kpa, keepalive, hybrid), the headroom of the cheapest frontier point with no
    /// more cold starts and no more instance-seconds than it, or null when no point dominates it.
    /// </summary>
    public IReadOnlyDictionary<string, double?> DominatedBy { get; init; } = new Dictionary<string, double?>();
}
