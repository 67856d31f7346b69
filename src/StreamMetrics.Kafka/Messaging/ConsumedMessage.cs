using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// One record read from Kafka; pass its <see cref="Partition"/> and <see cref="Offset"/> to
/// <see cref="EventConsumer.StoreOffset"/> once it is fully handled. A value rather than an object, so a channel of them
/// carries records without allocating per record.
/// </summary>
/// <param name="Partition">The record's topic and partition.</param>
/// <param name="Offset">The record's offset in its partition.</param>
/// <param name="Key">The record's key bytes, or null.</param>
/// <param name="Value">The record's value bytes.</param>
/// <param name="Timestamp">The record's timestamp.</param>
public readonly record struct ConsumedMessage(TopicPartition Partition, Offset Offset, byte[]? Key, byte[] Value, DateTimeOffset Timestamp)
{
    /// <summary>How many times the consumer had given up the record's partition when it fetched the record.</summary>
    internal int Generation { get; init; }
}
