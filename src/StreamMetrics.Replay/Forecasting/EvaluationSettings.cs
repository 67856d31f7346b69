namespace StreamMetrics.Replay.Forecasting;

/// <summary>What a <see cref="ForecastReport"/> was computed with, so that its numbers can be read correctly.</summary>
/// <param name="RatioReference">
/// The model every other model's MAE is divided by, per function, for <see cref="HorizonScores.MaeRatioGeoMean"/>; null
/// when it was not evaluated.
/// </param>
public sealed record EvaluationSettings(
    IReadOnlyList<string> Models,
    IReadOnlyList<int> Horizons,
    int Warmup,
    int SeasonLength,
    double Confidence,
    double BusyThreshold,
    int FunctionsTotal,
    int FunctionsBusy,
    int BucketsPerFunction,
    string MaseScale,
    string FunctionSelection,
    double ElapsedSeconds,
    string? RatioReference = null);
