using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>One record read from Kafka; pass <see cref="Position"/> to <see cref="EventConsumer.StoreOffset"/> once it is fully handled.</summary>
public sealed record ConsumedMessage(TopicPartitionOffset Position, byte[]? Key, byte[] Value, DateTimeOffset Timestamp)
{
    /// <summary>How many times the consumer had given up the record's partition when it fetched the record.</summary>
    internal int Generation { get; init; }
}
