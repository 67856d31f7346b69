namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// Metric volume of a trace under always-debug, always-standard and adaptive profiles, and how many of the high-load
/// minutes adaptive covered at debug granularity.
/// </summary>
/// <param name="HighLoadMinutes">Minutes in a function's top decile of counts (with at least one invocation), summed over functions.</param>
/// <param name="HighLoadMinutesAtDebug">Of those, minutes adaptive ran at debug (most of their invocations on debug instances).</param>
/// <param name="Policy">The scaling policy whose simulated instances recorded the metrics.</param>
public sealed record MetricVolumeReport(
    MetricVolume AlwaysDebug,
    MetricVolume AlwaysStandard,
    MetricVolume Adaptive,
    long HighLoadMinutes,
    long HighLoadMinutesAtDebug,
    string Policy = "")
{
    public double HighLoadCoveredAtDebug => HighLoadMinutes == 0 ? 1 : (double)HighLoadMinutesAtDebug / HighLoadMinutes;
}
