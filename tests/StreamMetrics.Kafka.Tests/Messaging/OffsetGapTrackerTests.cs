using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class OffsetGapTrackerTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Fact]
    public void Consecutive_offsets_lose_nothing_and_a_jump_counts_the_skipped_ones()
    {
        var tracker = new OffsetGapTracker();
        tracker.Expect(P0, 0);
        Assert.Equal(0, tracker.Observe(P0, 0));
        Assert.Equal(0, tracker.Observe(P0, 1));
        Assert.Equal(8, tracker.Observe(P0, 10));
        Assert.Equal(0, tracker.Observe(P0, 11));
    }

    [Fact]
    public void A_partition_without_expectation_starts_where_it_starts_and_going_back_is_no_loss()
    {
        var tracker = new OffsetGapTracker();
        Assert.Equal(0, tracker.Observe(P1, 500));
        Assert.Equal(0, tracker.Observe(P1, 3));
        Assert.Equal(0, tracker.Observe(P1, 4));
        tracker.Expect(P0, 100);
        Assert.Equal(20, tracker.Observe(P0, 120));
        tracker.Forget(P0);
        Assert.Equal(0, tracker.Observe(P0, 500));
    }
}
