namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// One partition's offsets taken into the pipeline and not yet released, in ascending order, each marked once its record
/// is finished: a ring that grows to the most in flight at once and is then reused, so tracking an offset allocates
/// nothing. Records arrive in offset order, so a new offset goes at the end; finishing one is a binary search, releasing
/// a dequeue from the front. The ring's length is a power of two, so a position wraps with a mask rather than a division;
/// and offsets in flight are mostly consecutive, so a finished offset is first looked for at its distance from the front.
/// Not thread-safe: <see cref="OffsetTracker"/> holds <see cref="Gate"/> around every use.
/// </summary>
internal sealed class PartitionOffsets
{
    /// <summary>Guards this partition's progress, so that the partitions of one consumer never wait for each other.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Whether the partition was given up: this progress takes no offsets and releases none any more.</summary>
    public bool Forgotten { get; set; }

    private long[] _offsets = new long[16];
    private bool[] _finished = new bool[16];
    private int _head;
    private int _count;

    /// <summary>Offsets taken and not yet finished.</summary>
    public int InFlight { get; private set; }

    /// <summary>The highest offset finished so far.</summary>
    public long HighestFinished { get; private set; } = -1;

    /// <summary>Adds <paramref name="offset"/> as in flight; one already held is left as it is.</summary>
    public void Add(long offset)
    {
        if (_count > 0 && offset <= OffsetAt(_count - 1))
        {
            // Out of order (the consumer read back): rare, so it may cost a shift.
            var index = IndexOf(offset);
            if (index >= 0)
                return;
            InsertAt(~index, offset);
            return;
        }
        InsertAt(_count, offset);
    }

    /// <summary>
    /// Marks <paramref name="offset"/> finished. Returns the highest offset below which everything is finished now, when
    /// it was the lowest in flight; null when an earlier one is still in flight or the offset is not in flight.
    /// </summary>
    public long? Finish(long offset)
    {
        var index = IndexOf(offset);
        if (index < 0 || _finished[Slot(index)])
            return null;
        _finished[Slot(index)] = true;
        InFlight--;
        HighestFinished = Math.Max(HighestFinished, offset);
        if (index != 0)
            return null;
        while (_count > 0 && _finished[_head])
        {
            _head = (_head + 1) & (_offsets.Length - 1);
            _count--;
        }
        return _count == 0 ? HighestFinished : _offsets[_head] - 1;
    }

    private int Slot(int index) => (_head + index) & (_offsets.Length - 1);

    private long OffsetAt(int index) => _offsets[Slot(index)];

    /// <summary>The position of <paramref name="offset"/> from the front, or the complement of where it would go.</summary>
    private int IndexOf(long offset)
    {
        if (_count == 0)
            return ~0;
        // With no gap between the front and the offset, it sits at its distance from the front.
        var distance = offset - OffsetAt(0);
        if (distance >= 0 && distance < _count && OffsetAt((int)distance) == offset)
            return (int)distance;
        int low = 0, high = _count - 1;
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
        if (_count == _offsets.Length)
            Grow();
        for (var i = _count; i > index; i--)
        {
            _offsets[Slot(i)] = _offsets[Slot(i - 1)];
            _finished[Slot(i)] = _finished[Slot(i - 1)];
        }
        _offsets[Slot(index)] = offset;
        _finished[Slot(index)] = false;
        _count++;
        InFlight++;
    }

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var finished = new bool[offsets.Length];
        for (var i = 0; i < _count; i++)
        {
            offsets[i] = OffsetAt(i);
            finished[i] = _finished[Slot(i)];
        }
        _offsets = offsets;
        _finished = finished;
        _head = 0;
    }
}
