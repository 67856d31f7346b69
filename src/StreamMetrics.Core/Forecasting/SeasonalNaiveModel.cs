namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Same bucket one season ago. Until a whole season has been seen there is no such bucket, and the model forecasts
/// the last value instead (it is then the naive model). Bounds come from an exponential average of the squared
/// errors of that rule, growing with the number of seasons (or, before the first season, steps) ahead.
/// </summary>
public sealed class SeasonalNaiveModel(ForecastModelOptions options) : ISavableForecastModel
{
    private const double VarianceWeight = 0.05;
    private readonly double _z = options.Z;
    private readonly int _season = options.SeasonLength;
    private readonly CountRing _history = new(options.SeasonLength);
    private double _variance;

    public string Name => ForecastModels.SeasonalNaive;

    public int StateBytes => 64 + _history.AllocatedBytes;

    public void Observe(double count)
    {
        if (_history.Count > 0)
        {
            var expected = _history.Count == _season ? _history[0] : _history.FromEnd(0);
            var error = count - expected;
            _variance += VarianceWeight * (error * error - _variance);
        }
        _history.Add(count);
    }

    public Forecast Predict(int horizon)
    {
        if (_history.Count == 0)
            return Forecast.Exact(0);
        if (_history.Count < _season)
            return Forecast.OfCount(_history.FromEnd(0), _z * Math.Sqrt(_variance * horizon));
        // Bucket t+h repeats bucket t+h-k*season for the smallest k that lands in the past.
        var seasonsAhead = (horizon - 1) / _season + 1;
        var back = seasonsAhead * _season - horizon;
        return Forecast.OfCount(_history.FromEnd(back), _z * Math.Sqrt(_variance * seasonsAhead));
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_variance);
        _history.Write(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        _variance = reader.ReadDouble();
        _history.Read(reader);
    }
}
