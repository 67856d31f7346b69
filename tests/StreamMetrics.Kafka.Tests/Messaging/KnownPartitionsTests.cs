using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class KnownPartitionsTests
{
    [Fact]
    public void Records_of_one_partition_share_one_topic_partition_whatever_string_names_the_topic()
    {
        var known = new KnownPartitions();

        // Confluent gives every record a topic string of its own.
        var first = known.Of(new string("events".AsSpan()), new Partition(3));
        var again = known.Of(new string("events".AsSpan()), new Partition(3));

        Assert.Same(first, again);
        Assert.Equal(new TopicPartition("events", 3), first);
    }

    [Fact]
    public void Each_partition_of_each_topic_has_its_own()
    {
        var known = new KnownPartitions();

        var seen = new[] { ("events", 0), ("events", 7), ("replayed", 0), ("events", 2), ("replayed", 5) }
            .Select(read => known.Of(read.Item1, new Partition(read.Item2)))
            .ToList();

        Assert.Equal(
            [new TopicPartition("events", 0), new TopicPartition("events", 7), new TopicPartition("replayed", 0),
             new TopicPartition("events", 2), new TopicPartition("replayed", 5)],
            seen);
        Assert.Same(seen[1], known.Of("events", new Partition(7)));
        Assert.Same(seen[4], known.Of("replayed", new Partition(5)));
        Assert.Same(seen[3], known.Of("events", new Partition(2)));
    }
}
