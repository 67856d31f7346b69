using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An event whose function ran; its sampled metrics are still to be published.</summary>
internal sealed record ProcessedEvent(ConsumedMessage Message, StreamEvent Event, Invocation Invocation);
