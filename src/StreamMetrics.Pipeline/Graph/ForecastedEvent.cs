using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An event tagged with its type's predicted load, over the next bucket.</summary>
internal sealed record ForecastedEvent(ConsumedMessage Message, StreamEvent Event, PredictedLoad Predicted);
