namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Calibrates the bounds of <c>auto</c>'s forecast on its own out-of-sample misses, per scored horizon (adaptive
/// conformal inference). A bound is the spread the candidates gave (their half-widths, weighted like their points) times
/// a factor. When a forecast's bucket closes outside its bound the factor grows by e^(step (1 - miss share)); inside, it
/// shrinks by e^(step * miss share), the miss share being 1 - <see cref="ForecastModelOptions.Confidence"/>. The factor
/// settles where misses happen at exactly that share, so over any long stretch the bounds miss about that share, whatever
/// the candidates' own bounds assumed about the errors.
/// </summary>
internal sealed class CombinationBounds
{
    private const int Lower = 0;
    private const int Upper = 1;
    private readonly ForecastRings _pending;
    private readonly double[] _logFactors;
    private readonly double _missShare;
    private readonly double _step;

    public CombinationBounds(IReadOnlyList<int> horizons, double confidence, double step)
    {
        _pending = new ForecastRings(horizons, 2);
        _logFactors = new double[horizons.Count];
        _missShare = 1 - confidence;
        _step = step;
    }

    public int AllocatedBytes => _pending.AllocatedBytes + _logFactors.Length * sizeof(double);

    /// <summary>Scores the bounds given for bucket <paramref name="closing"/>, which held <paramref name="count"/>.</summary>
    public void Score(double count, long closing)
    {
        for (var k = 0; k < _logFactors.Length; k++)
        {
            if (!_pending.TryTake(k, Lower, closing, out var lower))
                continue;
            _pending.TryTake(k, Upper, closing, out var upper);
            // The kept bounds are floats: compare the count as one, so a count exactly on a bound stays inside.
            var miss = (float)count < lower || (float)count > upper;
            _logFactors[k] += _step * ((miss ? 1 : 0) - _missShare);
        }
    }

    /// <summary>Keeps the forecast given once bucket <paramref name="observed"/> was observed, to score its bounds later.</summary>
    public void Record(int horizonIndex, long observed, Forecast forecast)
    {
        _pending.Put(horizonIndex, Lower, observed, forecast.Lower);
        _pending.Put(horizonIndex, Upper, observed, forecast.Upper);
    }

    /// <summary>The half-width of the bound for a forecast at the scored horizon <paramref name="horizonIndex"/>.</summary>
    public double HalfWidth(int horizonIndex, double spread) => Math.Exp(_logFactors[horizonIndex]) * spread;

    public void Write(BinaryWriter writer)
    {
        _pending.Write(writer);
        StateArrays.Write(writer, _logFactors);
    }

    public void Read(BinaryReader reader)
    {
        _pending.Read(reader);
        StateArrays.Read(reader, _logFactors);
    }
}
