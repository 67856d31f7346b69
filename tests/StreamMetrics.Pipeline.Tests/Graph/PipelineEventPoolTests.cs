using Confluent.Kafka;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

public sealed class PipelineEventPoolTests
{
    [Fact]
    public async Task A_returned_event_is_handed_out_again_for_the_next_record_with_nothing_of_the_last_one()
    {
        var pool = new PipelineEventPool();
        var first = pool.Take(Message(1));
        first.Event = new StreamEvent("checkout", "k1", DateTimeOffset.UnixEpoch, null);
        first.Rejection = "bad";
        first.Config = new MetricConfig("checkout", BuiltInProfiles.Debug);
        first.Publish = new MetricsSinkStage.MetricsPublish(42, null, 2, 100);
        first.Samples.Add(new MetricSample("checkout", "debug", MetricNames.LatencyMs, 1, DateTimeOffset.UnixEpoch, "checkout-1"));
        var arrays = new ExactLengthArrayPool();
        var records = first.RecordSlots(2, arrays);
        records[0] = [1];
        records[1] = [2];

        pool.Return(first);
        Assert.Equal(1, pool.Idle);
        var second = pool.Take(Message(2));

        Assert.Same(first, second);
        Assert.Equal(0, pool.Idle);
        Assert.Equal(2, second.Message.Offset.Value);
        Assert.Equal(default, second.Event);
        Assert.False(second.IsRejected);
        Assert.Null(second.Config);
        Assert.Equal(default, second.Publish);
        Assert.Empty(second.Samples);
        Assert.Same(second, await second.Completed);
        // The arrays of its last records, published, stay for the next records of the same count to be encoded into.
        Assert.Equal([[1], [2]], second.RecordSlots(2, arrays));
        Assert.Equal(0, arrays.Idle);
        Assert.Single(second.RecordSlots(1, arrays));
        Assert.Equal(2, arrays.Idle);
    }

    [Fact]
    public void Events_in_flight_at_once_are_distinct_objects()
    {
        var pool = new PipelineEventPool();
        var taken = Enumerable.Range(0, 100).Select(i => pool.Take(Message(i))).ToList();

        Assert.Equal(100, taken.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), taken.Select(e => e.Message.Offset.Value));
        foreach (var finished in taken)
            pool.Return(finished);
        Assert.Equal(100, pool.Idle);
    }

    private static ConsumedMessage Message(long offset) =>
        new(new TopicPartition("events", 0), offset, null, [], DateTimeOffset.UnixEpoch);
}
