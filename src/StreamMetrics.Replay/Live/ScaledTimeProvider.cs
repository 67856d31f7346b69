using System.Diagnostics;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the wall clock, starting at <see cref="Origin"/> when it is
/// created: a live replay runs the pipeline, its worker pool, functions and scaling actor on it, so a recorded hour
/// passes in a minute at speed 60 while every duration the pipeline configures (cold start, tick, keep-alive, forecast
/// bucket) keeps its recorded length in the clock's own time. Timers fire after their due time divided by the speed.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>This clock's timestamp at its creation: <see cref="GetTimestamp"/> counts from then.</summary>
    private const long CreatedAt = 0;

    private readonly long _startTimestamp;

    /// <param name="origin">What <see cref="GetUtcNow"/> returns at creation (e.g. the start of the replayed trace).</param>
    /// <param name="speed">Clock seconds per wall-clock second. Range 1 to 10,000.</param>
    public ScaledTimeProvider(DateTimeOffset origin, double speed)
    {
        if (!double.IsFinite(speed) || speed < 1 || speed > 10_000)
            throw new ArgumentOutOfRangeException(nameof(speed), $"speed = {speed}, must be between 1 and 10000");
        Origin = origin;
        Speed = speed;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public DateTimeOffset Origin { get; }

    public double Speed { get; }

    /// <summary>Clock time since <see cref="Origin"/>.</summary>
    public TimeSpan Elapsed => GetElapsedTime(CreatedAt);

    public override DateTimeOffset GetUtcNow() => Origin + Elapsed;

    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <summary>Scaled stopwatch ticks since creation, so <see cref="TimeProvider.GetElapsedTime(long)"/> measures clock time.</summary>
    public override long GetTimestamp() => (long)((Stopwatch.GetTimestamp() - _startTimestamp) * Speed);

    /// <summary>
    /// A timer in clock time. Where <see cref="NativeSleep"/> is available it is served by the precise timer queue (a
    /// wall-clock error of about 0.1 ms, 6 ms of clock time at speed 60); elsewhere by .NET's millisecond timers.
    /// </summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!NativeSleep.IsAvailable)
            return new ScaledTimer(System.CreateTimer(callback, state, ToWallClock(dueTime), ToWallClock(period)), this);
        var timer = new PreciseTimer(PreciseTimerQueue.Shared, this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The wall-clock span of a clock span; infinite and zero stay as they are.</summary>
    public TimeSpan ToWallClock(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    private sealed class ScaledTimer(ITimer timer, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(clock.ToWallClock(dueTime), clock.ToWallClock(period));

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
