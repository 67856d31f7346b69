using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An event tagged with its type's predicted load, in events per second over the next bucket.</summary>
internal sealed record ForecastedEvent(ConsumedMessage Message, StreamEvent Event, double PredictedRatePerSecond);
