namespace StreamMetrics.Core.Tests.Functions;

/// <summary>A clock whose timers all fire <paramref name="lateness"/> after their due time, as a busy machine's do.</summary>
internal sealed class LateTimers(TimeProvider clock, TimeSpan lateness) : TimeProvider
{
    private int _fired;

    /// <summary>Timer callbacks run so far.</summary>
    public int Fired => Volatile.Read(ref _fired);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime + lateness, period);
}
