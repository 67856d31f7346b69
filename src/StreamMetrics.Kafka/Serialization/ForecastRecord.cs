using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>A forecast as published on <c>forecasts</c>: what was forecast and when.</summary>
public sealed record ForecastRecord(TypeForecast Forecast, DateTimeOffset At);
