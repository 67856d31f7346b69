using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Releases a finished record's offset for commit once every earlier record of its partition is finished too, and
/// gives the record's <see cref="PipelineEvent"/> back to the pool: nothing of it is used afterwards.
/// </summary>
internal sealed class OffsetStage(OffsetTracker offsets, IOffsetStore consumer, PipelineEventPool events)
{
    public void Release(PipelineEvent finished)
    {
        var message = finished.Message;
        if (offsets.Complete(message.Partition, message.Offset) is { } storable)
            consumer.StoreOffset(message.Partition, storable);
        events.Return(finished);
    }

    /// <summary>Partitions given up (after their taken records finished): their progress starts afresh if they come back.</summary>
    public void Forget(IReadOnlyList<TopicPartition> partitions) => offsets.Forget(partitions);
}
