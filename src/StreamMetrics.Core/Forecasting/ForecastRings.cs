namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Forecasts kept until the bucket they are for closes, so that they can be scored against it: for each of several
/// streams (forecasters, or quantities of one) and each horizon h, a ring of the last h values made. A value put after
/// bucket n was observed is taken when bucket n + h closes. Values are kept as <c>float</c>, enough to score an error,
/// and no array is held until a value other than zero is put, so a type idle from its start stays small.
/// </summary>
internal sealed class ForecastRings
{
    private readonly ForecastRingLayout _layout;
    private readonly int _size;
    private float[] _values = [];

    public ForecastRings(IReadOnlyList<int> horizons, int streams)
        : this(new ForecastRingLayout(horizons), streams)
    {
    }

    /// <param name="layout">Shared with every other ring of the same horizons; never changed.</param>
    public ForecastRings(ForecastRingLayout layout, int streams)
    {
        _layout = layout;
        _size = streams * layout.StreamLength;
    }

    public int AllocatedBytes => _values.Length * sizeof(float);

    /// <summary>
    /// The value of <paramref name="stream"/> made <c>h</c> buckets before bucket <paramref name="closing"/> for it, or
    /// false while fewer than <c>h</c> buckets came before it.
    /// </summary>
    public bool TryTake(int horizonIndex, int stream, long closing, out double value)
    {
        var h = _layout.Horizons[horizonIndex];
        value = closing >= h && _values.Length > 0 ? _values[Slot(horizonIndex, stream, closing)] : 0;
        return closing >= h;
    }

    /// <summary>Keeps the value made once bucket <paramref name="observed"/> was observed, for the bucket h later.</summary>
    public void Put(int horizonIndex, int stream, long observed, double value)
    {
        var item = (float)value;
        if (_values.Length == 0)
        {
            if (item == 0)
                return;
            _values = new float[_size];
        }
        _values[Slot(horizonIndex, stream, observed)] = item;
    }

    public void Write(BinaryWriter writer)
    {
        // An idle type's rings hold only zeros: one byte says so.
        var zero = !_values.AsSpan().ContainsAnyExcept(0f);
        writer.Write(zero);
        if (!zero)
        {
            foreach (var value in _values)
                writer.Write(value);
        }
    }

    public void Read(BinaryReader reader)
    {
        if (reader.ReadBoolean())
        {
            _values = [];
            return;
        }
        _values = new float[_size];
        for (var i = 0; i < _values.Length; i++)
            _values[i] = reader.ReadSingle();
    }

    private int Slot(int horizonIndex, int stream, long bucket) =>
        (stream * _layout.StreamLength) + _layout.Offsets[horizonIndex] + (int)(bucket % _layout.Horizons[horizonIndex]);
}
