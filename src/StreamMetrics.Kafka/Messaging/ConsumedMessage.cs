using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>One record read from Kafka; pass <see cref="Position"/> to <see cref="EventConsumer.StoreOffset"/> once it is fully handled.</summary>
public sealed record ConsumedMessage(TopicPartitionOffset Position, byte[]? Key, byte[] Value, DateTimeOffset Timestamp);
