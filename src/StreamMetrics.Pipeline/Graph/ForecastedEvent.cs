using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An event tagged with its type's predicted load.</summary>
internal sealed record ForecastedEvent(ConsumedMessage Message, StreamEvent Event, TypeForecast Forecast);
