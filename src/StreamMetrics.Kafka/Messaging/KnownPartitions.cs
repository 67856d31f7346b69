using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// One <see cref="TopicPartition"/> for each partition a consumer reads. Confluent builds a new one, with a new topic
/// string, for every record; handing out the same object instead allocates nothing per record, and lets every later
/// step find the topic by reference: offset tracking compares topic names, the metric records' encoder keeps the
/// encodings of strings it sees again. Not thread-safe: the poll thread alone uses it.
/// </summary>
internal sealed class KnownPartitions
{
    // Per topic, its partitions by number; a consumer reads a topic or two.
    private readonly List<(string Topic, TopicPartition?[] Partitions)> _topics = [];

    public TopicPartition Of(string topic, Partition partition)
    {
        var number = partition.Value;
        for (var i = 0; i < _topics.Count; i++)
        {
            var (known, partitions) = _topics[i];
            if (!string.Equals(known, topic, StringComparison.Ordinal))
                continue;
            if ((uint)number < (uint)partitions.Length && partitions[number] is { } seen)
                return seen;
            return Remember(i, known, partitions, number);
        }
        _topics.Add((topic, []));
        return Remember(_topics.Count - 1, topic, [], number);
    }

    private TopicPartition Remember(int index, string topic, TopicPartition?[] partitions, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (number >= partitions.Length)
        {
            Array.Resize(ref partitions, number + 1);
            _topics[index] = (topic, partitions);
        }
        return partitions[number] = new TopicPartition(topic, number);
    }
}
