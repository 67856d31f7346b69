namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Exponentially weighted moving average of the bucket counts, with an EWMA of the squared error for the bounds.
/// A step change is tracked to within 1/e of its size after about 1/alpha buckets.
/// </summary>
public sealed class EwmaModel(double alpha = 0.3, double z = 1.96) : IForecastModel
{
    private double _level;
    private double _squaredError;
    private bool _started;

    public string Name => "ewma";

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
        return new Forecast(_level, Math.Max(0, _level - spread), _level + spread);
    }
}
