using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class PartitionListTests
{
    private static IEnumerable<TopicPartition> Of(string topic, params int[] partitions) => partitions.Select(p => new TopicPartition(topic, p));

    [Fact]
    public void A_whole_topic_is_one_range()
    {
        Assert.Equal("events[0-31]", PartitionList.Format(Of("events", [.. Enumerable.Range(0, 32)])));
    }

    [Fact]
    public void Gaps_split_the_ranges_and_single_partitions_stand_alone()
    {
        Assert.Equal("events[0-3,5,7-8,31]", PartitionList.Format(Of("events", 0, 1, 2, 3, 5, 7, 8, 31)));
    }

    [Fact]
    public void Unsorted_and_repeated_partitions_are_sorted_and_counted_once()
    {
        Assert.Equal("events[0-2,9]", PartitionList.Format(Of("events", 9, 2, 0, 1, 2, 9)));
    }

    [Fact]
    public void Several_topics_are_listed_in_name_order_each_with_its_own_ranges()
    {
        var partitions = Of("forecaster-state", 4, 3).Concat(Of("events", 3, 4, 6)).Concat(Of("events", 5)).Concat(Of("deadletter", 0));

        Assert.Equal("deadletter[0],events[3-6],forecaster-state[3-4]", PartitionList.Format(partitions));
    }

    [Fact]
    public void No_partitions_read_as_none()
    {
        Assert.Equal("none", PartitionList.Format([]));
    }

    [Fact]
    public void A_single_partition_has_the_same_form()
    {
        Assert.Equal("metrics.debug[12]", PartitionList.Format(new TopicPartition("metrics.debug", 12)));
    }
}
