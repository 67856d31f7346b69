using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>Running sums of one model's errors at one horizon on one function.</summary>
internal sealed class ErrorAccumulator
{
    private double _absolute;
    private double _symmetric;
    private long _inside;
    private long _count;

    public void Add(double actual, Forecast forecast)
    {
        var error = Math.Abs(forecast.Point - actual);
        _absolute += error;
        var scale = Math.Abs(forecast.Point) + Math.Abs(actual);
        if (scale > 0)
            _symmetric += 200 * error / scale;
        if (actual >= forecast.Lower && actual <= forecast.Upper)
            _inside++;
        _count++;
    }

    public HorizonScores Scores(double naiveScale)
    {
        if (_count == 0)
            return new HorizonScores(0, 0, null, 0);
        var mae = _absolute / _count;
        return new HorizonScores(mae, _symmetric / _count, naiveScale > 0 ? mae / naiveScale : null, (double)_inside / _count);
    }
}
