using System.Diagnostics;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// Timers that fire within about a tenth of a millisecond of their due time: one thread waits for the earliest due timer
/// (on a monitor while it is more than <see cref="CoarseMargin"/> away, then in <see cref="NativeSleep"/>) and hands
/// each due callback to the thread pool, so a slow callback never holds up the others. A replay at speed 60 turns a
/// 94 ms execution into 1.6 ms of wall-clock time, which .NET's millisecond timers stretch to about 4 ms.
/// </summary>
internal sealed class PreciseTimerQueue
{
    /// <summary>How close to a due time the thread stops waiting on the monitor and sleeps precisely.</summary>
    private static readonly TimeSpan CoarseMargin = TimeSpan.FromMilliseconds(2);

    private readonly PriorityQueue<Entry, long> _due = new();
    /// <summary>A monitor, not a <see cref="Lock"/>: the thread waits on it for the next due time or an earlier timer.</summary>
    private readonly object _gate = new();
    private readonly Thread _thread;

    /// <summary>The process's queue: one waiting thread serves every replay clock.</summary>
    public static PreciseTimerQueue Shared => LazyShared.Value;

    private static readonly Lazy<PreciseTimerQueue> LazyShared = new(() => new PreciseTimerQueue());

    private PreciseTimerQueue()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "replay-clock timers", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Schedules <paramref name="timer"/>'s next firing at Stopwatch timestamp <paramref name="dueAt"/>, replacing any earlier schedule.</summary>
    public void Schedule(PreciseTimer timer, long dueAt)
    {
        lock (_gate)
        {
            var entry = new Entry(timer, Interlocked.Increment(ref timer.Generation));
            var wake = _due.Count == 0 || dueAt < PeekDue();
            _due.Enqueue(entry, dueAt);
            if (wake)
                Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Cancels whatever is scheduled for <paramref name="timer"/>.</summary>
    public void Cancel(PreciseTimer timer)
    {
        lock (_gate)
            Interlocked.Increment(ref timer.Generation);
    }

    private long PeekDue() => _due.TryPeek(out _, out var due) ? due : long.MaxValue;

    private void Run()
    {
        var fired = new List<Entry>();
        while (true)
        {
            lock (_gate)
            {
                while (_due.Count == 0)
                    Monitor.Wait(_gate);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), PeekDue());
                if (wait > CoarseMargin)
                {
                    Monitor.Wait(_gate, wait - CoarseMargin);
                    continue;
                }
                if (wait > TimeSpan.Zero)
                {
                    Monitor.Exit(_gate);
                    try
                    {
                        NativeSleep.For(wait);
                    }
                    finally
                    {
                        Monitor.Enter(_gate);
                    }
                }
                var now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out var entry, out var due) && due <= now)
                {
                    _due.Dequeue();
                    if (entry.Generation == Volatile.Read(ref entry.Timer.Generation))
                        fired.Add(entry);
                }
            }
            foreach (var entry in fired)
                ThreadPool.UnsafeQueueUserWorkItem(static entry => entry.Timer.Fire(entry.Generation), entry, preferLocal: false);
            fired.Clear();
        }
    }

    private sealed record Entry(PreciseTimer Timer, long Generation);
}
