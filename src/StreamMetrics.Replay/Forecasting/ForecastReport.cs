namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// The offline evaluation of forecasting models on a trace. <see cref="Models"/> holds the means over the functions
/// averaging at least <see cref="EvaluationSettings.BusyThreshold"/> arrivals per bucket (and the volume-weighted MAE
/// over all functions); <see cref="Functions"/> holds every function's own scores.
/// </summary>
public sealed record ForecastReport(
    string Trace,
    EvaluationSettings Settings,
    IReadOnlyDictionary<string, ModelScores> Models,
    IReadOnlyList<FunctionScores> Functions);
