using System.Diagnostics;

namespace StreamMetrics.Replay.Live;

/// <summary>A timer of a <see cref="ScaledTimeProvider"/> served by the <see cref="PreciseTimerQueue"/>; spans are in clock time.</summary>
internal sealed class PreciseTimer : ITimer
{
    private readonly PreciseTimerQueue _queue;
    private readonly ScaledTimeProvider _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private long _periodTicks;
    private long _dueAt;
    private volatile bool _disposed;

    /// <summary>Bumped on every schedule and cancel, so only the latest schedule fires.</summary>
    internal long Generation;

    public PreciseTimer(PreciseTimerQueue queue, ScaledTimeProvider clock, TimerCallback callback, object? state)
    {
        _queue = queue;
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed)
            return false;
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            _queue.Cancel(this);
            return true;
        }
        var wallPeriod = _clock.ToWallClock(period);
        Volatile.Write(ref _periodTicks, wallPeriod > TimeSpan.Zero ? StopwatchTicks(wallPeriod) : 0);
        var dueAt = Stopwatch.GetTimestamp() + StopwatchTicks(_clock.ToWallClock(dueTime));
        Volatile.Write(ref _dueAt, dueAt);
        _queue.Schedule(this, dueAt);
        return true;
    }

    /// <summary>Runs the callback for the schedule <paramref name="generation"/>, and schedules the next period first.</summary>
    internal void Fire(long generation)
    {
        if (_disposed || generation != Volatile.Read(ref Generation))
            return;
        var period = Volatile.Read(ref _periodTicks);
        if (period > 0)
        {
            // From the previous due time, so periods do not drift by the callback's latency.
            var next = Volatile.Read(ref _dueAt) + period;
            Volatile.Write(ref _dueAt, next);
            _queue.Schedule(this, next);
        }
        _callback(_state);
    }

    public void Dispose()
    {
        _disposed = true;
        _queue.Cancel(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static long StopwatchTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
