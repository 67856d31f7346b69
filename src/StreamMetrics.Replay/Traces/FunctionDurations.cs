namespace StreamMetrics.Replay.Traces;

/// <summary>
/// One function's execution-time statistics for the day, in milliseconds, excluding cold start
/// (weighted percentiles of 30-second averages, as the Azure 2019 trace records them).
/// </summary>
public sealed record FunctionDurations(
    string Function,
    double AverageMs,
    double P0Ms,
    double P1Ms,
    double P25Ms,
    double P50Ms,
    double P75Ms,
    double P99Ms,
    double P100Ms)
{
    /// <summary>The percentile levels (0..1) that the fields above stand for, in order.</summary>
    public static readonly double[] Levels = [0, 0.01, 0.25, 0.50, 0.75, 0.99, 1.0];

    public double[] PercentileValuesMs => [P0Ms, P1Ms, P25Ms, P50Ms, P75Ms, P99Ms, P100Ms];
}
