namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Holt-Winters with additive damped trend and additive season (ETS(A,Ad,A) in error-correction form). The smoothing
/// parameters are fitted on the kept history by minimising the one-step squared error over a grid, every
/// <see cref="ForecastModelOptions.HoltWintersRefitEvery"/> buckets; between fits the state is updated online.
/// A season is cut into at most <see cref="ForecastModelOptions.HoltWintersSeasonTerms"/> blocks sharing one seasonal
/// term. The seasonal terms need two seasons of history to be initialised; until then the model is damped Holt (level and
/// trend only). Bounds use the model's residual variance propagated over the horizon.
/// </summary>
public sealed class HoltWintersModel : ISavableForecastModel
{
    private const int MinimumFitLength = 10;
    private readonly int _season;
    private readonly SeasonSlots _slots;
    private readonly int _fitWindow;
    private readonly int _refitEvery;
    private readonly double _z;
    private readonly CountRing _history;
    private HoltWintersParameters _parameters = HoltWintersParameters.Default;
    private double[]? _seasonal;
    private bool _seasonActive;
    private double _level;
    private double _trend;
    private double _variance;
    private long _observed;
    private int _sinceFit;
    private bool _fitted;

    public HoltWintersModel(ForecastModelOptions options)
    {
        _season = options.SeasonLength;
        _slots = SeasonSlots.For(_season, options.HoltWintersSeasonTerms);
        _fitWindow = options.HoltWintersFitWindow;
        _refitEvery = options.HoltWintersRefitEvery;
        _z = options.Z;
        _history = new CountRing(Math.Max(_fitWindow, 2 * _season));
    }

    public string Name => ForecastModels.HoltWinters;

    public int StateBytes => 128 + _history.AllocatedBytes + (_seasonal?.Length ?? 0) * sizeof(double);

    /// <summary>Whether the seasonal term is in use (two seasons of history have been seen).</summary>
    public bool IsSeasonal => _seasonActive;

    public void Observe(double count)
    {
        if (_observed == 0)
            _level = count;
        else
            Update(count);
        _history.Add(count);
        _observed++;
        _sinceFit++;
        var seasonReady = !_seasonActive && _history.Count >= 2 * _season;
        if (seasonReady || (_history.Count >= MinimumFitLength && (!_fitted || _sinceFit >= _refitEvery)))
            Fit();
    }

    public Forecast Predict(int horizon)
    {
        var phi = _parameters.Phi;
        var dampedSum = phi * (1 - Math.Pow(phi, horizon)) / (1 - phi);
        var point = _level + dampedSum * _trend + SeasonalAt(_observed + horizon - 1);
        var spreadSum = 1.0;
        for (var j = 1; j < horizon; j++)
        {
            var c = _parameters.Alpha * (1 + _parameters.Beta * phi * (1 - Math.Pow(phi, j)) / (1 - phi));
            if (_seasonActive && j % _season == 0)
                c += _parameters.Gamma;
            spreadSum += c * c;
        }
        return Forecast.OfCount(point, _z * Math.Sqrt(_variance * spreadSum));
    }

    private double SeasonalAt(long index) => _seasonal is null ? 0 : _seasonal[_slots.Of(index)];

    private void Update(double count)
    {
        var p = _parameters;
        var error = count - (_level + p.Phi * _trend + SeasonalAt(_observed));
        _level += p.Phi * _trend + p.Alpha * error;
        _trend = p.Phi * _trend + p.Alpha * p.Beta * error;
        if (_seasonActive && error != 0)
        {
            // An idle type drops its all-zero seasonal terms; they come back as zeros when counts do.
            _seasonal ??= new double[_slots.Count];
            _seasonal[_slots.Of(_observed)] += p.Gamma * error;
        }
    }

    private void Fit()
    {
        _sinceFit = 0;
        _fitted = true;
        var seasonal = _history.Count >= 2 * _season;
        _seasonActive |= seasonal;
        if (_history.NonZero == 0)
        {
            // An idle type: nothing to fit, and zero is the exact forecast.
            _level = _trend = _variance = 0;
            _seasonal = null;
            return;
        }
        var length = seasonal ? _history.Count : Math.Min(_history.Count, _fitWindow);
        var series = new double[length];
        _history.CopyLatest(series);
        var firstIndex = _observed - length;
        var best = HoltWintersFit.Best(series, seasonal ? _slots : null, firstIndex);
        _parameters = best.Parameters;
        _level = best.Level;
        _trend = best.Trend;
        _seasonal = best.Seasonal;
        _variance = best.Variance;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_parameters.Alpha);
        writer.Write(_parameters.Beta);
        writer.Write(_parameters.Gamma);
        writer.Write(_parameters.Phi);
        writer.Write(_level);
        writer.Write(_trend);
        writer.Write(_variance);
        writer.Write(_observed);
        writer.Write(_sinceFit);
        writer.Write(_fitted);
        writer.Write(_seasonActive);
        writer.Write(_seasonal is not null);
        if (_seasonal is not null)
        {
            foreach (var value in _seasonal)
                writer.Write(value);
        }

        _history.Write(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        _parameters = new HoltWintersParameters(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        _level = reader.ReadDouble();
        _trend = reader.ReadDouble();
        _variance = reader.ReadDouble();
        _observed = reader.ReadInt64();
        _sinceFit = reader.ReadInt32();
        _fitted = reader.ReadBoolean();
        _seasonActive = reader.ReadBoolean();
        _seasonal = null;
        if (reader.ReadBoolean())
        {
            _seasonal = new double[_slots.Count];
            for (var i = 0; i < _seasonal.Length; i++)
                _seasonal[i] = reader.ReadDouble();
        }
        _history.Read(reader);
    }
}
