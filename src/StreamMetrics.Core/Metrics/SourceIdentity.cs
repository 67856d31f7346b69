namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The input record an invocation processed: its topic, partition and offset. Samples sharing one were written more than
/// once for the same record (a redelivery after a crash), so a consumer can keep one copy of each.
/// </summary>
public sealed record SourceIdentity(string Topic, int Partition, long Offset);
