namespace StreamMetrics.Replay.Forecasting;

/// <summary>What one evaluation run produced: the report, the traced series, and (when asked) each function's final state.</summary>
public sealed record ForecastEvaluation(
    ForecastReport Report,
    IReadOnlyList<ForecastTrace> Traces,
    IReadOnlyDictionary<string, byte[]> States);
