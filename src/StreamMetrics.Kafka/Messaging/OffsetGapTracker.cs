using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Knows the next offset each partition should deliver, so a jump forward (records truncated away, an offset reset)
/// is counted as lost data instead of passing unnoticed. A jump back (a seek, a redelivery) is not a loss.
/// Assumes non-compacted, non-transactional topics, where consecutive records have consecutive offsets.
/// </summary>
internal sealed class OffsetGapTracker
{
    private readonly Dictionary<TopicPartition, long> _expected = [];

    public void Expect(TopicPartition partition, long nextOffset) => _expected[partition] = nextOffset;

    public void Forget(TopicPartition partition) => _expected.Remove(partition);

    /// <summary>Records that <paramref name="offset"/> arrived; returns how many offsets before it were skipped.</summary>
    public long Observe(TopicPartition partition, long offset)
    {
        var lost = _expected.TryGetValue(partition, out var next) && offset > next ? offset - next : 0;
        _expected[partition] = offset + 1;
        return lost;
    }
}
