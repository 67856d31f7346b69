using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>An input record after decoding: either an event, or the reason it cannot be one.</summary>
internal sealed record DecodedMessage(ConsumedMessage Message, StreamEvent? Event, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}
