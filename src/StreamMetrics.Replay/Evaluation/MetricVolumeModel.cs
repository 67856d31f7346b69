using StreamMetrics.Core.Scaling;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// Computes <see cref="MetricVolumeReport"/> from per-minute counts. Adaptive picks, before each minute, <c>debug</c> when
/// the forecast upper bound of the minute (the predictive policy's forecaster) reaches the function's top-decile
/// threshold learnt so far (the smallest count among the top decile of its earlier minutes, refreshed hourly, at least one invocation), else
/// <c>standard</c>. The true high-load minutes use the whole day's threshold.
/// </summary>
public static class MetricVolumeModel
{
    private const int RefreshMinutes = 60;

    public static MetricVolumeReport Compute(IReadOnlyList<SimulatedFunction> functions, MetricVolumeOptions? options = null)
    {
        options ??= new MetricVolumeOptions();
        options.Validate();
        double debug = 0, standard = 0, adaptive = 0;
        long high = 0, highAtDebug = 0;
        foreach (var function in functions)
        {
            var counts = function.PerMinute;
            var dayThreshold = Math.Max(1, TopShareThreshold(counts, counts.Length, options.HighLoadShare));
            var model = ForecasterChoice.Default();
            var learnt = double.PositiveInfinity;
            for (var m = 0; m < counts.Length; m++)
            {
                if (m > 0 && m % RefreshMinutes == 0)
                    learnt = Math.Max(1, TopShareThreshold(counts, m, options.HighLoadShare));
                var atDebug = model.Predict(1).Upper >= learnt;
                var count = counts[m];
                debug += count * options.DebugRecordsPerInvocation;
                standard += count * options.StandardRecordsPerInvocation;
                adaptive += count * (atDebug ? options.DebugRecordsPerInvocation : options.StandardRecordsPerInvocation);
                if (count >= dayThreshold)
                {
                    high++;
                    if (atDebug)
                        highAtDebug++;
                }
                model.Observe(count);
            }
        }
        return new MetricVolumeReport(Volume(debug, options), Volume(standard, options), Volume(adaptive, options), high, highAtDebug);
    }

    private static MetricVolume Volume(double records, MetricVolumeOptions options)
    {
        var rounded = (long)Math.Round(records);
        return new MetricVolume(rounded, rounded * options.BytesPerRecord);
    }

    /// <summary>The smallest count among the top <paramref name="share"/> of the first <paramref name="length"/> minutes.</summary>
    private static double TopShareThreshold(int[] counts, int length, double share)
    {
        var sorted = counts[..length];
        Array.Sort(sorted);
        var top = Math.Max(1, (int)Math.Ceiling(share * length));
        return sorted[length - top];
    }
}
