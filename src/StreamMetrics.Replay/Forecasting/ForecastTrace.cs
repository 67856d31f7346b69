namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// One function's actual counts and one model's forecasts of them made <see cref="Horizon"/> buckets earlier, from
/// bucket <see cref="FirstBucket"/> on (for plots).
/// </summary>
public sealed record ForecastTrace(string Function, string Model, int Horizon, int FirstBucket, double[] Actual, double[] Point, double[] Lower, double[] Upper);
