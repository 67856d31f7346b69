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
    /// <summary>
    /// Most original bytes a dead letter carries: with its reason it stays under the 1 MB a Kafka producer and broker
    /// accept by default. Without a cap, one oversized input record would fail the dead letter's own publish and stop the
    /// stream; a longer original is cut, the reason says so, and topic, partition and offset still lead to all of it.
    /// </summary>
    public const int MaxOriginalBytes = 512 * 1024;

    /// <summary>The dead letter of a consumed record: where it was read, its bytes, and why it was rejected at <paramref name="rejectedAt"/>.</summary>
    public static DeadLetter Of(ConsumedMessage rejected, string reason, DateTimeOffset rejectedAt)
    {
        var (topic, partition, offset) = (rejected.Partition.Topic, rejected.Partition.Partition.Value, rejected.Offset.Value);
        var original = rejected.Value;
        if (original.Length > MaxOriginalBytes)
        {
            reason += $" (original cut to its first {MaxOriginalBytes} of {original.Length} bytes; all of it is at {topic} [{partition}] @{offset})";
            original = original[..MaxOriginalBytes];
        }
        return new(reason, topic, partition, offset, original, rejectedAt);
    }
}
