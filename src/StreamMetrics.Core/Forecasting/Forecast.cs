namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// A forecast of one future bucket's total (its arrivals, or its payload bytes), with bounds at the model's confidence level.
/// </summary>
public readonly record struct Forecast(double Point, double Lower, double Upper)
{
    public static Forecast Exact(double value) => new(value, value, value);

    /// <summary>
    /// A forecast of a count: the point and the lower bound are never negative, whatever the model's arithmetic gave.
    /// </summary>
    public static Forecast OfCount(double point, double halfWidth)
    {
        if (!double.IsFinite(point))
            point = 0;
        if (!double.IsFinite(halfWidth) || halfWidth < 0)
            halfWidth = 0;
        return new Forecast(Math.Max(0, point), Math.Max(0, point - halfWidth), Math.Max(0, point + halfWidth));
    }

    /// <summary>This forecast of one bucket as a rate: point and bounds divided by the bucket's seconds.</summary>
    public Forecast PerSecond(TimeSpan bucketLength)
    {
        var seconds = bucketLength.TotalSeconds;
        return new Forecast(Point / seconds, Lower / seconds, Upper / seconds);
    }
}
