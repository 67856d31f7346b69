namespace StreamMetrics.Core.Functions;

/// <summary>
/// One config's running instances, each with the pool clock's timestamp it has run since. Every invocation starts and
/// ends a run, so each instance carries its place here (<see cref="FunctionInstance.RunningSlot"/>): joining is an
/// append and leaving a swap with the last, with no hashing. Guarded by the pool's lock, as the lifecycle is.
/// </summary>
internal sealed class RunningInstances
{
    private readonly List<(FunctionInstance Instance, long Since)> _running = [];

    public int Count => _running.Count;

    /// <summary>The timestamp the <paramref name="index"/>-th running instance has run since (in no particular order).</summary>
    public long SinceAt(int index) => _running[index].Since;

    public void Add(FunctionInstance instance, long since)
    {
        if (SlotOf(instance) >= 0)
            throw new InvalidOperationException($"instance {instance.Id} is already running");
        instance.RunningSlot = _running.Count;
        _running.Add((instance, since));
    }

    public bool Contains(FunctionInstance instance) => SlotOf(instance) >= 0;

    public bool TryGetSince(FunctionInstance instance, out long since)
    {
        var slot = SlotOf(instance);
        since = slot >= 0 ? _running[slot].Since : 0;
        return slot >= 0;
    }

    /// <summary>The running instance runs another invocation since <paramref name="since"/> (a hand-over).</summary>
    public void Restart(FunctionInstance instance, long since)
    {
        var slot = SlotOf(instance);
        if (slot < 0)
            throw new InvalidOperationException($"instance {instance.Id} is not running");
        _running[slot] = (instance, since);
    }

    public bool Remove(FunctionInstance instance)
    {
        var slot = SlotOf(instance);
        if (slot < 0)
            return false;
        var last = _running.Count - 1;
        if (slot != last)
        {
            var moved = _running[last];
            _running[slot] = moved;
            moved.Instance.RunningSlot = slot;
        }
        _running.RemoveAt(last);
        instance.RunningSlot = -1;
        return true;
    }

    private int SlotOf(FunctionInstance instance)
    {
        var slot = instance.RunningSlot;
        return slot >= 0 && slot < _running.Count && ReferenceEquals(_running[slot].Instance, instance) ? slot : -1;
    }
}
