using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

public sealed class EventTimeStageTests
{
    private static readonly DateTimeOffset Now = new(2019, 7, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly PipelineCounters _counters = new();

    [Fact]
    public async Task An_event_published_ahead_of_its_time_is_held_until_the_clock_reaches_its_timestamp()
    {
        var stage = new EventTimeStage(_time, _counters);
        var due = Decoded(Now + TimeSpan.FromSeconds(30));

        var held = stage.AwaitAsync(due);
        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(held.IsCompleted, "released 100 ms before its timestamp");
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Same(due, await held.WaitAsync(Patience));
        Assert.Equal(0, _counters.DispatchedLate);
    }

    [Fact]
    public async Task An_event_past_its_time_goes_on_at_once_and_only_lateness_beyond_the_tolerance_is_counted()
    {
        var stage = new EventTimeStage(_time, _counters);

        var slightlyLate = stage.AwaitAsync(Decoded(Now - TimeSpan.FromMilliseconds(500)));
        var late = stage.AwaitAsync(Decoded(Now - TimeSpan.FromSeconds(7)));

        Assert.True(slightlyLate.IsCompletedSuccessfully);
        Assert.True(late.IsCompletedSuccessfully);
        Assert.Equal(1, _counters.DispatchedLate);
        Assert.Equal(TimeSpan.FromSeconds(7), _counters.MaxLateness);
        await Task.WhenAll(slightlyLate, late);
    }

    private static PipelineEvent Decoded(DateTimeOffset timestamp)
    {
        var decoded = new PipelineEventPool().Take(new ConsumedMessage(new TopicPartition("events", 0), 0, null, [], timestamp));
        decoded.Event = new StreamEvent("f", "k", timestamp, null);
        return decoded;
    }
}
