namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Calibrates the bounds of <c>auto</c>'s forecast on its own out-of-sample misses, per scored horizon (adaptive
/// conformal inference). A bound is the spread the candidates gave (their half-widths, weighted like their points), but
/// at least their rolling absolute error (weighted alike), times a factor. Without that floor, candidates that forecast
/// a type almost exactly give bounds of next to no width, nearly every bucket misses them by a hair, and the factor
/// climbs without limit until one irregular bucket turns it into a bound thousands of times the type's peak. When a
/// forecast's bucket closes outside its bound the factor grows by e^(step (1 - miss share)); inside, it shrinks by
/// e^(step * miss share), the miss share being 1 - <see cref="ForecastModelOptions.Confidence"/>. The factor settles where
/// misses happen at exactly that share, so over any long stretch the bounds miss about that share, whatever the
/// candidates' own bounds assumed about the errors.
/// </summary>
internal sealed class CombinationBounds
{
    private const int Lower = 0;
    private const int Upper = 1;

    /// <summary>
    /// The factor stays within e^-3 to e^3 (1/20 to 20). A factor past 20 means a bound 20 times the candidates' spread
    /// and their recent errors: misses that no such scale describes, which a larger factor would not cover better but
    /// would carry, through many later buckets, into bounds that no longer bound anything.
    /// </summary>
    private const double MaxLogFactor = 3;

    private readonly ForecastRings _pending;
    private readonly double[] _logFactors;
    private readonly double _missShare;
    private readonly double _step;

    public CombinationBounds(IReadOnlyList<int> horizons, double confidence, double step)
        : this(new ForecastRingLayout(horizons), confidence, step)
    {
    }

    /// <param name="layout">The scored horizons, shared with every other model of the same options.</param>
    public CombinationBounds(ForecastRingLayout layout, double confidence, double step)
    {
        _pending = new ForecastRings(layout, 2);
        _logFactors = new double[layout.Horizons.Length];
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
            _logFactors[k] = Math.Clamp(_logFactors[k] + _step * ((miss ? 1 : 0) - _missShare), -MaxLogFactor, MaxLogFactor);
        }
    }

    /// <summary>Keeps the forecast given once bucket <paramref name="observed"/> was observed, to score its bounds later.</summary>
    public void Record(int horizonIndex, long observed, Forecast forecast)
    {
        _pending.Put(horizonIndex, Lower, observed, forecast.Lower);
        _pending.Put(horizonIndex, Upper, observed, forecast.Upper);
    }

    /// <summary>
    /// The half-width of the bound for a forecast at the scored horizon <paramref name="horizonIndex"/>, from the
    /// candidates' <paramref name="spread"/> and their rolling absolute <paramref name="error"/> (weighted like their points).
    /// </summary>
    public double HalfWidth(int horizonIndex, double spread, double error) => Math.Exp(_logFactors[horizonIndex]) * Math.Max(spread, error);

    public void Write(BinaryWriter writer)
    {
        _pending.Write(writer);
        StateArrays.Write(writer, _logFactors);
    }

    public void Read(BinaryReader reader)
    {
        _pending.Read(reader);
        StateArrays.Read(reader, _logFactors);
        // A snapshot written before the factor had its limit may hold one far past it.
        for (var k = 0; k < _logFactors.Length; k++)
            _logFactors[k] = Math.Clamp(_logFactors[k], -MaxLogFactor, MaxLogFactor);
    }
}
