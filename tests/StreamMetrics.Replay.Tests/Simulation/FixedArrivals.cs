using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Simulation;

/// <summary>Hand-made invocations (arrival second, execution seconds) over a trace of <c>minutes</c> minutes.</summary>
internal sealed class FixedArrivals(int minutes, params (double At, double Duration)[] invocations) : IArrivalSource
{
    public int Minutes => minutes;

    public int MaxPerMinute => Enumerable.Range(0, minutes).Max(m => InMinute(m).Count());

    public int Fill(int minute, double[] arrivals, double[] durations)
    {
        var count = 0;
        foreach (var (at, duration) in InMinute(minute))
        {
            arrivals[count] = at;
            durations[count++] = duration;
        }
        return count;
    }

    private IEnumerable<(double At, double Duration)> InMinute(int minute) =>
        invocations.Where(i => (int)(i.At / 60) == minute).OrderBy(i => i.At);
}
