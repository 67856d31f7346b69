using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>Takes released offsets and only counts them: the consumer's offset store without Kafka.</summary>
internal sealed class CountingOffsetStore : IOffsetStore
{
    private long _stored;

    public long Stored => Interlocked.Read(ref _stored);

    public bool StoreOffset(TopicPartition partition, Offset consumed)
    {
        Interlocked.Increment(ref _stored);
        return true;
    }
}
