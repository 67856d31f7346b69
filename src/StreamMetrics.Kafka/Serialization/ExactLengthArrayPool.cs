namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// Byte arrays kept for reuse by their exact length. A record handed to Kafka's producer must be an array of exactly its
/// length (the producer sends the whole array), and the records one stage encodes come in a handful of lengths, so a
/// free list per length lets the stage encode into the arrays of records already acknowledged instead of allocating one
/// per record. Give an array back only when nothing refers to it any more: after its publish completed, never earlier.
/// Thread-safe.
/// </summary>
public sealed class ExactLengthArrayPool
{
    /// <summary>Longer arrays are neither kept nor handed out from the pool: they are rare, and each would need its own list.</summary>
    public const int MaxLength = 1024;

    /// <summary>Arrays kept at most, over all lengths: at most 16 MiB, above the records in flight at once.</summary>
    public const int MaxKept = 16_384;

    private readonly Stack<byte[]>?[] _free = new Stack<byte[]>?[MaxLength + 1];
    private readonly Lock _gate = new();
    private int _kept;

    /// <summary>Arrays idle in the pool now.</summary>
    public int Idle
    {
        get
        {
            lock (_gate)
                return _kept;
        }
    }

    /// <summary>An array of exactly <paramref name="length"/> bytes, reused if one is free; its contents are arbitrary.</summary>
    public byte[] Rent(int length)
    {
        if (length <= MaxLength)
        {
            lock (_gate)
            {
                if (_free[length] is { Count: > 0 } free)
                {
                    _kept--;
                    return free.Pop();
                }
            }
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Takes back <paramref name="array"/>; nobody may use it afterwards.</summary>
    public void Return(byte[] array)
    {
        lock (_gate)
            Keep(array);
    }

    /// <summary>Takes back every array of <paramref name="arrays"/> and clears its slot; nobody may use those arrays afterwards.</summary>
    public void ReturnAll(byte[][] arrays)
    {
        lock (_gate)
        {
            for (var i = 0; i < arrays.Length; i++)
            {
                if (arrays[i] is { } array)
                    Keep(array);
                arrays[i] = null!;
            }
        }
    }

    /// <summary>Keeps <paramref name="array"/> for reuse, unless it is too long or the pool is full. The caller holds the lock.</summary>
    private void Keep(byte[] array)
    {
        if (array.Length > MaxLength || _kept >= MaxKept)
            return;
        (_free[array.Length] ??= new Stack<byte[]>()).Push(array);
        _kept++;
    }
}
