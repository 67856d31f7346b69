using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>A forecast as published on <c>forecasts</c>: what was forecast, when, and what the type ran with then.</summary>
public sealed record ForecastRecord(TypeForecast Forecast, DateTimeOffset At)
{
    public TypeStatus Status { get; init; } = TypeStatus.Unknown;
}
