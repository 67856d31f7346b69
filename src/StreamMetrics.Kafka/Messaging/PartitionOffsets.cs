namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// One partition's offsets taken into the pipeline and not yet released, in ascending order, each marked once its record
/// is finished: a ring that grows to the most in flight at once and is then reused, so tracking an offset allocates
/// nothing. Records arrive in offset order, so a new offset goes at the end; finishing one is a binary search, releasing
/// a dequeue from the front. The ring's length is a power of two, so a position wraps with a mask rather than a division;
/// and offsets in flight are mostly consecutive, so a finished offset is first looked for at its distance from the front.
/// One thread at a time takes offsets (the decode stage), while any thread finishes them: the taker appends an offset
/// above the last one into a free slot without <see cref="Gate"/>, publishing it with the end of the ring, since only it
/// writes slots and the end; everything else (an offset out of order, a full ring, finishing, releasing) holds the gate.
/// </summary>
internal sealed class PartitionOffsets
{
    /// <summary>Guards this partition's progress, so that the partitions of one consumer never wait for each other.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Whether the partition was given up: this progress takes no offsets and releases none any more.</summary>
    public bool Forgotten
    {
        get => Volatile.Read(ref field);
        set => Volatile.Write(ref field, value);
    }

    private long[] _offsets = new long[16];
    private bool[] _finished = new bool[16];

    // Positions count up without wrapping (a slot is a position masked): the front, moved by releases under the gate,
    // and the end, moved by the taker.
    private long _head;
    private long _tail;

    // Finished offsets between the front and the end, not yet released; under the gate.
    private int _finishedInRing;

    /// <summary>Offsets taken and not yet finished. The caller holds <see cref="Gate"/>.</summary>
    public int InFlight => (int)(Volatile.Read(ref _tail) - _head) - _finishedInRing;

    /// <summary>The highest offset finished so far. The caller holds <see cref="Gate"/>.</summary>
    public long HighestFinished { get; private set; } = -1;

    /// <summary>
    /// Adds <paramref name="offset"/> as in flight, without the gate, when it lies above every offset in flight and the
    /// ring has room: false otherwise, for the caller to <see cref="Add"/> it under the gate. Only the thread that takes
    /// offsets calls this.
    /// </summary>
    public bool TryAppend(long offset)
    {
        var tail = _tail;
        var count = tail - Volatile.Read(ref _head);
        if (count == _offsets.Length || (count > 0 && offset <= _offsets[(tail - 1) & (_offsets.Length - 1)]))
            return false;
        var slot = tail & (_offsets.Length - 1);
        _offsets[slot] = offset;
        _finished[slot] = false;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>Adds <paramref name="offset"/> as in flight; one already held is left as it is. The caller holds <see cref="Gate"/>.</summary>
    public void Add(long offset)
    {
        var count = Count;
        if (count > 0 && offset <= OffsetAt(count - 1))
        {
            // Out of order (the consumer read back): rare, so it may cost a shift.
            var index = IndexOf(offset);
            if (index >= 0)
                return;
            InsertAt(~index, offset);
            return;
        }
        InsertAt(count, offset);
    }

    /// <summary>
    /// Marks <paramref name="offset"/> finished. Returns the highest offset below which everything is finished now, when
    /// it was the lowest in flight; null when an earlier one is still in flight or the offset is not in flight. The caller
    /// holds <see cref="Gate"/>.
    /// </summary>
    public long? Finish(long offset)
    {
        var index = IndexOf(offset);
        if (index < 0 || _finished[Slot(index)])
            return null;
        _finished[Slot(index)] = true;
        _finishedInRing++;
        HighestFinished = Math.Max(HighestFinished, offset);
        if (index != 0)
            return null;
        var tail = Volatile.Read(ref _tail);
        var head = _head;
        while (head < tail && _finished[head & (_offsets.Length - 1)])
        {
            head++;
            _finishedInRing--;
        }
        // Published after the slots were read: the taker reuses a slot only once it sees the front past it.
        Volatile.Write(ref _head, head);
        return head == tail ? HighestFinished : _offsets[head & (_offsets.Length - 1)] - 1;
    }

    private int Count => (int)(Volatile.Read(ref _tail) - _head);

    private long Slot(int index) => (_head + index) & (_offsets.Length - 1);

    private long OffsetAt(int index) => _offsets[Slot(index)];

    /// <summary>The position of <paramref name="offset"/> from the front, or the complement of where it would go.</summary>
    private int IndexOf(long offset)
    {
        var count = Count;
        if (count == 0)
            return ~0;
        // With no gap between the front and the offset, it sits at its distance from the front.
        var distance = offset - OffsetAt(0);
        if (distance >= 0 && distance < count && OffsetAt((int)distance) == offset)
            return (int)distance;
        int low = 0, high = count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = OffsetAt(middle);
            if (found == offset)
                return middle;
            if (found < offset)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return ~low;
    }

    private void InsertAt(int index, long offset)
    {
        var count = Count;
        if (count == _offsets.Length)
            Grow(count);
        for (var i = count; i > index; i--)
        {
            _offsets[Slot(i)] = _offsets[Slot(i - 1)];
            _finished[Slot(i)] = _finished[Slot(i - 1)];
        }
        _offsets[Slot(index)] = offset;
        _finished[Slot(index)] = false;
        Volatile.Write(ref _tail, _tail + 1);
    }

    /// <summary>A ring of twice the slots, front first; under the gate, by the taker, the only thread that moves the end.</summary>
    private void Grow(int count)
    {
        var offsets = new long[_offsets.Length * 2];
        var finished = new bool[offsets.Length];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = OffsetAt(i);
            finished[i] = _finished[Slot(i)];
        }
        _offsets = offsets;
        _finished = finished;
        // Positions start afresh at the front; the taker reads both again before its next append.
        Volatile.Write(ref _head, 0);
        Volatile.Write(ref _tail, count);
    }
}
