using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>An input record that could not be processed (schema <c>DeadLetter</c>, topic <c>deadletter</c>).</summary>
/// <param name="Reason">Why it was rejected, precise enough to fix the producer.</param>
/// <param name="SourceTopic">Topic the record was read from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Original">Its value bytes, unchanged.</param>
/// <param name="Timestamp">When it was rejected.</param>
public sealed record DeadLetter(string Reason, string SourceTopic, int Partition, long Offset, byte[] Original, DateTimeOffset Timestamp)
{
    /// <summary>The dead letter of a consumed record: where it was read, its bytes, and why it was rejected at <paramref name="rejectedAt"/>.</summary>
    public static DeadLetter Of(ConsumedMessage rejected, string reason, DateTimeOffset rejectedAt) => new(
        reason, rejected.Position.Topic, rejected.Position.Partition.Value, rejected.Position.Offset.Value, rejected.Value, rejectedAt);
}
