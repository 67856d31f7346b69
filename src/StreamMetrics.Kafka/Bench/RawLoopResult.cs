namespace StreamMetrics.Kafka.Bench;

/// <summary>What the plain Confluent.Kafka loop did: records passed through, records lost before they were read, and how long it took from the first record read to the last acknowledged.</summary>
public sealed record RawLoopResult(long Records, long Lost, TimeSpan Elapsed);
