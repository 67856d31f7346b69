using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Releases a finished record's offset for commit once every earlier record of its partition is finished too.</summary>
internal sealed class OffsetStage(OffsetTracker offsets, IOffsetStore consumer)
{
    public void Release(ConsumedMessage finished)
    {
        if (offsets.Complete(finished.Position) is { } storable)
            consumer.StoreOffset(storable);
    }

    /// <summary>Partitions given up (after their taken records finished): their progress starts afresh if they come back.</summary>
    public void Forget(IReadOnlyList<TopicPartition> partitions) => offsets.Forget(partitions);
}
