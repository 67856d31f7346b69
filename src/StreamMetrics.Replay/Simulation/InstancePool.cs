using StreamMetrics.Core.Functions;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// One function's instances in flat arrays: a min-heap of busy or starting instances by the time they are free, and a
/// stack of idle ones with the most recently used on top (the next arrival takes it, so surplus instances sink to the
/// bottom and are the first retired). Accounts instance-seconds from start to retirement. Remembers the start times of
/// the executions given to each busy instance, so a dispatcher can see what the live pool sees: how long the running
/// execution has run and how many are queued behind it. No allocation once grown.
/// </summary>
internal sealed class InstancePool
{
    private double[] _freeAt = new double[16];
    private double[] _startedAt = new double[16];
    private bool[] _preWarming = new bool[16];
    private long[] _instanceIds = new long[16];
    private long _startedInstances;
    // Per slot, the starts of the executions it was given since it was last idle, in order: the last one at or before
    // now is running, the later ones wait for it.
    private List<double>[] _starts = NewStartLists(0, 16);
    private int[] _freeSlots = new int[16];
    private int _freeSlotCount;
    private int _slots;

    private int[] _heap = new int[16];
    private int _heapCount;

    // Ring buffer: _idle[(_idleBottom + i) % length], i = 0 is the longest idle.
    private int[] _idle = new int[16];
    private int _idleBottom;
    private int _idleCount;

    public int Alive => _heapCount + _idleCount;
    public int Idle => _idleCount;
    public int PreWarming { get; private set; }
    public double InstanceSeconds { get; private set; }
    public int PeakAlive { get; private set; }

    /// <summary>Instances given an invocation: running it, or in the cold start before it.</summary>
    public int Claimed => _heapCount - PreWarming;

    /// <summary>Whether any instance is running or starting (pre-warmed or claimed).</summary>
    public bool HasRunningOrStarting => _heapCount > 0;

    /// <summary>Moves every instance that is free at <paramref name="now"/> to the idle stack, in the order they became free.</summary>
    public void ReleaseUntil(double now)
    {
        while (_heapCount > 0 && _freeAt[_heap[0]] <= now)
        {
            var slot = PopHeap();
            if (_preWarming[slot])
            {
                _preWarming[slot] = false;
                PreWarming--;
            }
            _starts[slot].Clear();
            PushIdle(slot);
        }
    }

    /// <summary>Takes the most recently used idle instance, or returns -1.</summary>
    public int TakeIdle()
    {
        if (_idleCount == 0)
            return -1;
        _idleCount--;
        return _idle[(_idleBottom + _idleCount) % _idle.Length];
    }

    /// <summary>Takes the busy or starting instance that is free first.</summary>
    public int TakeEarliest()
    {
        var slot = PopHeap();
        if (_preWarming[slot])
        {
            _preWarming[slot] = false;
            PreWarming--;
        }
        return slot;
    }

    public double FreeAt(int slot) => _freeAt[slot];

    /// <summary>The instance in <paramref name="slot"/>: a slot is reused after a retirement, an instance id never.</summary>
    public long InstanceId(int slot) => _instanceIds[slot];

    /// <summary>Starts a new instance at <paramref name="startedAt"/>; it is charged from then on. Returns its slot, not yet in the heap.</summary>
    public int Start(double startedAt)
    {
        var slot = _freeSlotCount > 0 ? _freeSlots[--_freeSlotCount] : NewSlot();
        _startedAt[slot] = startedAt;
        _instanceIds[slot] = ++_startedInstances;
        _preWarming[slot] = false;
        _starts[slot].Clear();
        return slot;
    }

    /// <summary>Gives <paramref name="slot"/> an execution from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void Run(int slot, double start, double end)
    {
        _starts[slot].Add(start);
        Occupy(slot, end);
    }

    /// <summary>
    /// What a dispatcher that cannot see the future knows at <paramref name="now"/>: for each busy or claimed starting
    /// instance, its expected seconds until it can take another invocation (<see cref="BusyDispatch"/>), into
    /// <paramref name="remaining"/> (at least <see cref="Alive"/> long); returns how many, and the executions queued
    /// behind the running ones. Pre-warming instances nobody claimed are left out: an arrival takes one of those. Forgets
    /// the executions that have ended.
    /// </summary>
    public int ExpectedRemaining(double now, double mean, Span<double> remaining, out int queued)
    {
        var count = 0;
        queued = 0;
        for (var i = 0; i < _heapCount; i++)
        {
            var slot = _heap[i];
            if (_preWarming[slot])
                continue;
            var starts = _starts[slot];
            var running = starts.Count - 1;
            while (running >= 0 && starts[running] > now)
                running--;
            if (running < 0)
            {
                // Claimed in its cold start: its own execution begins once it is ready.
                remaining[count++] = starts[0] - now + mean;
                queued += starts.Count - 1;
                continue;
            }
            remaining[count++] = BusyDispatch.RemainingSeconds(now - starts[running], mean);
            queued += starts.Count - 1 - running;
            // Executions before the running one have ended; forgetting them keeps a long busy spell's list short.
            if (running > 0)
                starts.RemoveRange(0, running);
        }
        return count;
    }

    /// <summary>Starts an instance nobody waits for; it joins the idle stack once ready.</summary>
    public void PreWarm(double now, double readyAt)
    {
        var slot = Start(now);
        _preWarming[slot] = true;
        PreWarming++;
        Occupy(slot, readyAt);
    }

    /// <summary>Marks <paramref name="slot"/> busy (or starting) until <paramref name="freeAt"/>.</summary>
    public void Occupy(int slot, double freeAt)
    {
        _freeAt[slot] = freeAt;
        PushHeap(slot);
        PeakAlive = Math.Max(PeakAlive, Alive);
    }

    /// <summary>The time the longest-idle instance became idle; only when <see cref="Idle"/> &gt; 0.</summary>
    public double OldestIdleSince => _freeAt[_idle[_idleBottom]];

    /// <summary>Retires the longest-idle instance, charging it up to <paramref name="at"/>.</summary>
    public void RetireOldestIdle(double at)
    {
        var slot = _idle[_idleBottom];
        _idleBottom = (_idleBottom + 1) % _idle.Length;
        _idleCount--;
        InstanceSeconds += Math.Max(0, at - _startedAt[slot]);
        _freeSlots[_freeSlotCount++] = slot;
    }

    /// <summary>Charges every remaining instance up to <paramref name="end"/> (or until its invocation ends, if later).</summary>
    public void Close(double end)
    {
        while (_idleCount > 0)
            RetireOldestIdle(end);
        while (_heapCount > 0)
        {
            var slot = PopHeap();
            InstanceSeconds += Math.Max(end, _freeAt[slot]) - _startedAt[slot];
        }
        PreWarming = 0;
    }

    private int NewSlot()
    {
        if (_slots == _freeAt.Length)
        {
            var size = _slots * 2;
            Array.Resize(ref _freeAt, size);
            Array.Resize(ref _startedAt, size);
            Array.Resize(ref _preWarming, size);
            Array.Resize(ref _instanceIds, size);
            var starts = NewStartLists(_slots, size);
            Array.Copy(_starts, starts, _slots);
            _starts = starts;
            Array.Resize(ref _freeSlots, size);
            Array.Resize(ref _heap, size);
            var idle = new int[size];
            for (var i = 0; i < _idleCount; i++)
                idle[i] = _idle[(_idleBottom + i) % _idle.Length];
            _idle = idle;
            _idleBottom = 0;
        }
        return _slots++;
    }

    private static List<double>[] NewStartLists(int from, int size)
    {
        var lists = new List<double>[size];
        for (var i = from; i < size; i++)
            lists[i] = [];
        return lists;
    }

    private void PushIdle(int slot)
    {
        _idle[(_idleBottom + _idleCount) % _idle.Length] = slot;
        _idleCount++;
    }

    private void PushHeap(int slot)
    {
        var i = _heapCount++;
        var key = _freeAt[slot];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_freeAt[_heap[parent]] <= key)
                break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = slot;
    }

    private int PopHeap()
    {
        var top = _heap[0];
        var last = _heap[--_heapCount];
        if (_heapCount > 0)
        {
            var key = _freeAt[last];
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= _heapCount)
                    break;
                if (child + 1 < _heapCount && _freeAt[_heap[child + 1]] < _freeAt[_heap[child]])
                    child++;
                if (_freeAt[_heap[child]] >= key)
                    break;
                _heap[i] = _heap[child];
                i = child;
            }
            _heap[i] = last;
        }
        return top;
    }
}
