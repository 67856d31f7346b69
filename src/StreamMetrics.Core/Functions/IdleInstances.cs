namespace StreamMetrics.Core.Functions;

/// <summary>
/// One config's idle instances in the order they became idle, each with the pool clock's timestamp it has been idle
/// since: reuse takes the newest, retirement the oldest. Every invocation takes one and gives one back, so they sit in a
/// ring of slots, which grows only when all are taken, rather than in nodes of a list. Guarded by the pool's lock.
/// </summary>
internal sealed class IdleInstances
{
    private InstanceLifecycle.IdleInstance[] _ring = new InstanceLifecycle.IdleInstance[4];
    private int _oldest;

    public int Count { get; private set; }

    /// <summary>The instance idle the longest; false when none is idle.</summary>
    public bool TryPeekOldest(out InstanceLifecycle.IdleInstance oldest)
    {
        oldest = Count > 0 ? _ring[_oldest] : default;
        return Count > 0;
    }

    public void RemoveOldest()
    {
        if (Count == 0)
            throw new InvalidOperationException("no instance is idle");
        _ring[_oldest] = default;
        _oldest = Wrap(_oldest + 1);
        Count--;
    }

    /// <summary>Takes the instance that became idle last; false when none is idle.</summary>
    public bool TryTakeNewest(out InstanceLifecycle.IdleInstance newest)
    {
        if (Count == 0)
        {
            newest = default;
            return false;
        }
        var place = Wrap(_oldest + Count - 1);
        newest = _ring[place];
        _ring[place] = default;
        Count--;
        return true;
    }

    public void AddNewest(InstanceLifecycle.IdleInstance idle)
    {
        if (Count == _ring.Length)
            Grow();
        _ring[Wrap(_oldest + Count)] = idle;
        Count++;
    }

    /// <summary>A ring of twice the slots, oldest first; the length stays a power of two for <see cref="Wrap"/>.</summary>
    private void Grow()
    {
        var larger = new InstanceLifecycle.IdleInstance[_ring.Length * 2];
        for (var i = 0; i < Count; i++)
            larger[i] = _ring[Wrap(_oldest + i)];
        _ring = larger;
        _oldest = 0;
    }

    private int Wrap(int place) => place & (_ring.Length - 1);
}
