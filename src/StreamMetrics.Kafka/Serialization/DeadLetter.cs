namespace StreamMetrics.Kafka.Serialization;

/// <summary>An input record that could not be processed (schema <c>DeadLetter</c>, topic <c>deadletter</c>).</summary>
/// <param name="Reason">Why it was rejected, precise enough to fix the producer.</param>
/// <param name="SourceTopic">Topic the record was read from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Original">Its value bytes, unchanged.</param>
/// <param name="Timestamp">When it was rejected.</param>
public sealed record DeadLetter(string Reason, string SourceTopic, int Partition, long Offset, byte[] Original, DateTimeOffset Timestamp);
