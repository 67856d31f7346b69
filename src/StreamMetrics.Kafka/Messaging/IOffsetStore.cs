using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>Takes the offsets of fully handled records for commit: the <see cref="EventConsumer"/>, or a benchmark's counter.</summary>
public interface IOffsetStore
{
    /// <inheritdoc cref="EventConsumer.StoreOffset"/>
    bool StoreOffset(TopicPartition partition, Offset consumed);
}
