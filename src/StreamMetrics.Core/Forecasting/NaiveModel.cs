namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Last value: every future bucket is forecast to repeat the latest one. Its bounds treat the series as a random walk:
/// the one-step error variance (an exponential average of squared differences) grows linearly with the horizon.
/// </summary>
public sealed class NaiveModel(ForecastModelOptions options) : ISavableForecastModel
{
    private const double VarianceWeight = 0.05;
    private readonly double _z = options.Z;
    private double _last;
    private double _variance;
    private bool _started;

    public string Name => ForecastModels.Naive;

    public int StateBytes => 48;

    public void Observe(double count)
    {
        if (_started)
        {
            var error = count - _last;
            _variance += VarianceWeight * (error * error - _variance);
        }
        _last = count;
        _started = true;
    }

    public Forecast Predict(int horizon) => Forecast.OfCount(_last, _z * Math.Sqrt(_variance * horizon));

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_started);
        writer.Write(_last);
        writer.Write(_variance);
    }

    public void ReadState(BinaryReader reader)
    {
        _started = reader.ReadBoolean();
        _last = reader.ReadDouble();
        _variance = reader.ReadDouble();
    }
}
