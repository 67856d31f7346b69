namespace StreamMetrics.Replay.Forecasting;

/// <summary>What a <see cref="ForecastReport"/> was computed with, so that its numbers can be read correctly.</summary>
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
    double ElapsedSeconds);
