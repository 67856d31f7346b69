using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Takes an input record into the pipeline's care and decodes it into an event, or a reason it is none.</summary>
internal sealed class DecodeStage(InputDecoder decoder, OffsetTracker offsets, PipelineCounters counters, StageLatencies latencies)
{
    public PipelineEvent Decode(PipelineEvent taken)
    {
        var message = taken.Message;
        offsets.Begin(message.Partition, message.Offset);
        counters.Received();
        var start = latencies.Start(latencies.Decode);
        var result = decoder.Decode(message.Value, message.Timestamp);
        latencies.Record(latencies.Decode, start);
        taken.Event = result.Event.GetValueOrDefault();
        taken.Rejection = result.Rejection?.Reason;
        return taken;
    }
}
