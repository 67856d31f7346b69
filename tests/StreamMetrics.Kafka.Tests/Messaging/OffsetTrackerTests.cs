using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class OffsetTrackerTests
{
    private static readonly TopicPartition P0 = new("events", 0);
    private static readonly TopicPartition P1 = new("events", 1);

    [Fact]
    public void In_order_completion_releases_each_offset()
    {
        var tracker = new OffsetTracker();
        tracker.Begin(P0, 0);
        tracker.Begin(P0, 1);

        Assert.Equal(new Offset(0), tracker.Complete(P0, 0));
        Assert.Equal(new Offset(1), tracker.Complete(P0, 1));
        Assert.Equal(0, tracker.InFlightCount);
    }

    [Fact]
    public void A_later_offset_finishing_first_is_held_until_the_earlier_one_finishes()
    {
        var tracker = new OffsetTracker();
        foreach (var offset in new long[] { 10, 11, 12 })
            tracker.Begin(P0, offset);

        Assert.Null(tracker.Complete(P0, 12));
        Assert.Null(tracker.Complete(P0, 11));
        Assert.Equal(new Offset(12), tracker.Complete(P0, 10));
    }

    [Fact]
    public void Release_stops_below_the_lowest_offset_still_in_flight()
    {
        var tracker = new OffsetTracker();
        foreach (var offset in new long[] { 0, 1, 2, 3 })
            tracker.Begin(P0, offset);

        Assert.Null(tracker.Complete(P0, 1));
        Assert.Equal(new Offset(1), tracker.Complete(P0, 0));
        Assert.Equal(2, tracker.InFlightCount);
    }

    [Fact]
    public void Partitions_are_independent()
    {
        var tracker = new OffsetTracker();
        tracker.Begin(P0, 5);
        tracker.Begin(P1, 7);

        Assert.Equal(new Offset(7), tracker.Complete(P1, 7));
        Assert.Equal(new Offset(5), tracker.Complete(P0, 5));
    }

    [Fact]
    public void A_partition_given_up_and_read_again_releases_only_what_its_new_reading_finished()
    {
        var tracker = new OffsetTracker();
        foreach (var offset in new long[] { 10, 11, 12 })
            tracker.Begin(P0, offset);
        foreach (var offset in new long[] { 10, 11, 12 })
            tracker.Complete(P0, offset);

        tracker.Forget([P0]);
        tracker.Begin(P0, 11);

        // Not offset 12: that was finished before the partition was given up, and is read again after 11.
        Assert.Equal(new Offset(11), tracker.Complete(P0, 11));
        Assert.Null(tracker.Complete(P1, 3));
    }

    [Fact]
    public void Offsets_released_while_others_are_taken_keep_their_order_across_many_in_flight()
    {
        // More in flight at once than the tracker starts with room for, released as later ones are taken, so its
        // storage both grows and wraps around.
        var tracker = new OffsetTracker();
        for (long offset = 0; offset < 40; offset++)
            tracker.Begin(P0, offset);
        for (long offset = 39; offset >= 1; offset--)
            Assert.Null(tracker.Complete(P0, offset));
        Assert.Equal(new Offset(39), tracker.Complete(P0, 0));

        var released = new List<long>();
        for (long offset = 40; offset < 1000; offset++)
        {
            tracker.Begin(P0, offset);
            if (offset % 3 == 0)
            {
                // Finish the three taken last, the latest first: only the earliest releases them all.
                Assert.Null(tracker.Complete(P0, offset));
                Assert.Null(tracker.Complete(P0, offset - 1));
                released.Add(tracker.Complete(P0, offset - 2)!.Value.Value);
            }
        }
        Assert.Equal(Enumerable.Range(0, released.Count).Select(i => 42L + (3 * i)), released);
        Assert.Null(tracker.Complete(P0, 500));
    }

    [Fact]
    public void An_offset_taken_again_or_below_the_last_taken_is_tracked_once_in_its_place()
    {
        var tracker = new OffsetTracker();
        tracker.Begin(P0, 10);
        tracker.Begin(P0, 12);
        tracker.Begin(P0, 11);
        tracker.Begin(P0, 12);
        Assert.Equal(3, tracker.InFlightCount);

        Assert.Null(tracker.Complete(P0, 11));
        Assert.Equal(new Offset(11), tracker.Complete(P0, 10));
        Assert.Equal(new Offset(12), tracker.Complete(P0, 12));
        Assert.Equal(0, tracker.InFlightCount);
    }

    [Fact]
    public async Task Offsets_taken_on_one_thread_and_finished_on_another_release_each_partition_up_to_its_last()
    {
        // As in the service: the decode stage takes records while the offset stage finishes earlier ones.
        const int PerPartition = 20_000;
        var tracker = new OffsetTracker();
        var partitions = new[] { P0, P1, new TopicPartition("other", 3) };
        var taken = System.Threading.Channels.Channel.CreateUnbounded<(TopicPartition Partition, Offset Offset)>();
        var highest = partitions.ToDictionary(p => p, _ => -1L);
        var finishing = Task.Run(async () =>
        {
            await foreach (var (partition, offset) in taken.Reader.ReadAllAsync())
            {
                if (tracker.Complete(partition, offset) is { } released)
                    highest[partition] = Math.Max(highest[partition], released.Value);
            }
        });
        for (long offset = 0; offset < PerPartition; offset++)
        {
            foreach (var partition in partitions)
            {
                tracker.Begin(partition, offset);
                taken.Writer.TryWrite((partition, offset));
            }
        }
        taken.Writer.Complete();
        await finishing;

        Assert.All(partitions, partition => Assert.Equal(PerPartition - 1, highest[partition]));
        Assert.Equal(0, tracker.InFlightCount);
    }
}
