namespace StreamMetrics.Kafka.Topics;

/// <summary>A topic as this service wants it.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Partition count (at least 1).</param>
/// <param name="Retention">Becomes <c>retention.ms</c>; null keeps the cluster default.</param>
/// <param name="Compacted">True sets <c>cleanup.policy=compact</c> (keep the newest record per key).</param>
public sealed record TopicSpec(string Name, int Partitions, TimeSpan? Retention = null, bool Compacted = false);
