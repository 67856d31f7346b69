namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The last <see cref="Capacity"/> bucket counts of one type. Storage grows on demand up to the capacity, so a young
/// type stays small, and is released while every kept value is zero, so an idle type holds no array at all.
/// Values are kept as <c>float</c> (whole counts are exact up to 2^24).
/// </summary>
internal sealed class CountRing
{
    private float[] _items = [];
    private int _start;

    public CountRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>Number of buckets the ring currently holds that are not zero; lets models skip work on idle types.</summary>
    public int NonZero { get; private set; }

    /// <summary>The value <paramref name="index"/> places after the oldest one kept (0 = oldest).</summary>
    public double this[int index] => _items.Length == 0 ? 0 : _items[(_start + index) % _items.Length];

    /// <summary>The value <paramref name="back"/> buckets before the latest one (0 = latest).</summary>
    public double FromEnd(int back) => this[Count - 1 - back];

    public int AllocatedBytes => _items.Length * sizeof(float);

    public void Add(double value)
    {
        if (_items.Length == 0 && value == 0)
        {
            // Idle: the kept values are all zero, so only their number is tracked.
            Count = Math.Min(Count + 1, Capacity);
            return;
        }
        if (Count == _items.Length && Count < Capacity || _items.Length < Math.Min(Count + 1, Capacity))
            Grow();
        if (Count < Capacity)
        {
            _items[(_start + Count) % _items.Length] = (float)value;
            Count++;
        }
        else
        {
            if (_items[_start] != 0)
                NonZero--;
            _items[_start] = (float)value;
            _start = (_start + 1) % _items.Length;
        }
        if (value != 0)
            NonZero++;
        if (NonZero == 0)
        {
            _items = [];
            _start = 0;
        }
    }

    /// <summary>Copies the latest <paramref name="destination"/>.Length values, oldest first.</summary>
    public void CopyLatest(Span<double> destination)
    {
        var offset = Count - destination.Length;
        for (var i = 0; i < destination.Length; i++)
            destination[i] = this[offset + i];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        // An idle history is written as its length alone.
        writer.Write(NonZero > 0);
        if (NonZero > 0)
        {
            for (var i = 0; i < Count; i++)
                writer.Write((float)this[i]);
        }
    }

    public void Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > Capacity)
            throw new InvalidDataException($"history of {count} buckets does not fit a capacity of {Capacity}");
        var stored = reader.ReadBoolean();
        var items = stored ? new float[count] : [];
        var nonZero = 0;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadSingle();
            if (items[i] != 0)
                nonZero++;
        }
        _items = nonZero == 0 ? [] : items;
        _start = 0;
        Count = count;
        NonZero = nonZero;
    }

    private void Grow()
    {
        var size = Math.Min(Capacity, Math.Max(16, Math.Max(Count + 1, _items.Length * 2)));
        var grown = new float[size];
        if (_items.Length > 0)
        {
            for (var i = 0; i < Count; i++)
                grown[i] = _items[(_start + i) % _items.Length];
        }

        _items = grown;
        _start = 0;
    }
}
