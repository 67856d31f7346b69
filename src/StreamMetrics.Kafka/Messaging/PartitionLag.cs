namespace StreamMetrics.Kafka.Messaging;

/// <summary>How far one assigned partition's consumer is behind its log end.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Records">The partition's high watermark minus the next offset this consumer reads: records not yet fetched.</param>
public sealed record PartitionLag(string Topic, int Partition, long Records);
