using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Takes an input record into the pipeline's care and decodes it into an event, or a reason it is none.</summary>
internal sealed class DecodeStage(InputDecoder decoder, OffsetTracker offsets, PipelineCounters counters)
{
    public DecodedMessage Decode(ConsumedMessage message)
    {
        offsets.Begin(message.Position);
        counters.Received();
        var result = decoder.Decode(message.Value, message.Timestamp);
        return new DecodedMessage(message, result.Event, result.Rejection?.Reason);
    }
}
