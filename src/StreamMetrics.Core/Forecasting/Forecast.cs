namespace StreamMetrics.Core.Forecasting;

/// <summary>A forecast of one future bucket's arrival count, with bounds at the model's confidence level.</summary>
public readonly record struct Forecast(double Point, double Lower, double Upper)
{
    public static Forecast Exact(double value) => new(value, value, value);
}
