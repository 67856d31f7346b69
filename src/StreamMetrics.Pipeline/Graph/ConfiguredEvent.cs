using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An event with the metric config its function instance will be launched with.</summary>
internal sealed record ConfiguredEvent(ConsumedMessage Message, StreamEvent Event, MetricConfig Config);
