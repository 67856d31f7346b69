using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Knows each minute's peak concurrency but not the timing inside the minute: keeps exactly that many instances through
/// the minute, started one cold-start (plus a tick) before it begins. The best a per-minute forecaster could do.
/// </summary>
internal sealed class OracleMinutePolicy(int[] peakPerMinute, DateTimeOffset origin, TimeSpan lead) : IScalingPolicy
{
    public string Name => "oracle-minute";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        var seconds = (now - origin).TotalSeconds;
        var minute = (int)Math.Floor(seconds / 60);
        var nextStart = (minute + 1) * 60.0;
        var desired = Peak(minute);
        if (seconds + lead.TotalSeconds >= nextStart)
            desired = Math.Max(desired, Peak(minute + 1));
        var prepareNext = nextStart - lead.TotalSeconds;
        var holdsUntil = origin + TimeSpan.FromSeconds(prepareNext > seconds ? prepareNext : nextStart);
        return new ScaleDecision(input.Scope, desired, "known minute peak") { HoldsUntil = holdsUntil };
    }

    private int Peak(int minute) => minute >= 0 && minute < peakPerMinute.Length ? peakPerMinute[minute] : 0;
}
