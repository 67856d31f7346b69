using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// Takes released offsets and only counts them: the consumer's offset store without Kafka. The in-memory publisher
/// acknowledges at once, so every release happens in the graph's sink, one event at a time: the count has one writer and
/// needs no atomic increment.
/// </summary>
internal sealed class CountingOffsetStore : IOffsetStore
{
    private long _stored;

    public long Stored => Volatile.Read(ref _stored);

    public bool StoreOffset(TopicPartition partition, Offset consumed)
    {
        Volatile.Write(ref _stored, _stored + 1);
        return true;
    }
}
