using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Core.Tests.Scaling;

/// <summary>Builds the input a policy sees on one tick.</summary>
internal static class ScalingInputs
{
    public static readonly DateTimeOffset Start = new(2019, 7, 15, 0, 0, 0, TimeSpan.Zero);

    public static ScalingInput Tick(
        double concurrency = 0,
        int current = 0,
        int ready = -1,
        int executing = 0,
        long arrivals = 0,
        double sinceSeconds = 2,
        double durationSeconds = 1,
        double coldStartSeconds = 1) =>
        new("f", current, executing, arrivals / Math.Max(1e-9, sinceSeconds), null, TimeSpan.FromSeconds(durationSeconds), TimeSpan.FromSeconds(coldStartSeconds))
        {
            ReadyInstances = ready < 0 ? current : ready,
            ObservedConcurrency = concurrency,
            ArrivalsSinceLastDecision = arrivals,
            SinceLastDecision = TimeSpan.FromSeconds(sinceSeconds),
        };

    public static DateTimeOffset At(double seconds) => Start + TimeSpan.FromSeconds(seconds);
}
