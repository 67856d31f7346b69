namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Exponentially weighted moving average of the bucket counts, with an EWMA of the squared error for the bounds.
/// A step change is tracked to within 1/e of its size after about 1/alpha buckets (the remaining error after n buckets
/// is (1 - alpha)^n of the step).
/// </summary>
public sealed class EwmaModel(double alpha = 0.3, double z = 1.96) : ISavableForecastModel
{
    private double _level;
    private double _squaredError;
    private bool _started;

    public string Name => ForecastModels.Ewma;

    public int StateBytes => 48;

    public void Observe(double count)
    {
        if (!_started)
        {
            _level = count;
            _started = true;
            return;
        }
        var error = count - _level;
        _squaredError = alpha * error * error + (1 - alpha) * _squaredError;
        _level += alpha * error;
    }

    public Forecast Predict(int horizon)
    {
        // The level is flat over the horizon; the uncertainty grows with the square root of the steps ahead.
        var spread = z * Math.Sqrt(_squaredError * horizon);
        return Forecast.OfCount(_level, spread);
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_started);
        writer.Write(_level);
        writer.Write(_squaredError);
    }

    public void ReadState(BinaryReader reader)
    {
        _started = reader.ReadBoolean();
        _level = reader.ReadDouble();
        _squaredError = reader.ReadDouble();
    }
}
