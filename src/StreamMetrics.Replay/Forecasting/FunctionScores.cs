namespace StreamMetrics.Replay.Forecasting;

/// <summary>Scores of every model on one function of the trace.</summary>
public sealed record FunctionScores(
    string Function,
    string Trigger,
    double MeanPerMinute,
    long Invocations,
    IReadOnlyDictionary<string, ModelScores> Models);
