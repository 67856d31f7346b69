using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Takes an input record into the pipeline's care and decodes it into an event, or a reason it is none.</summary>
internal sealed class DecodeStage(InputDecoder decoder, OffsetTracker offsets, PipelineEventPool events, PipelineCounters counters, StageLatencies latencies)
{
    public PipelineEvent Decode(ConsumedMessage message)
    {
        offsets.Begin(message.Position);
        counters.Received();
        var start = latencies.Start(latencies.Decode);
        var result = decoder.Decode(message.Value, message.Timestamp);
        latencies.Record(latencies.Decode, start);
        var decoded = events.Take(message);
        decoded.Event = result.Event;
        decoded.Rejection = result.Rejection?.Reason;
        return decoded;
    }
}
