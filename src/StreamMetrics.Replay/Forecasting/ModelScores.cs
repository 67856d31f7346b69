namespace StreamMetrics.Replay.Forecasting;

/// <summary>Scores of one model, keyed by horizon ("1", "5", ...).</summary>
public sealed record ModelScores(IReadOnlyDictionary<string, HorizonScores> Horizons);
