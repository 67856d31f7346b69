using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class TimedEventPublisherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Each_event_is_published_once_the_clock_is_within_the_lead_of_its_time_and_not_before()
    {
        var clock = new FakeTimeProvider(Start);
        using var publisher = new RecordPublisher(KafkaClients.For(_cluster.BootstrapServers));
        var timed = new TimedEventPublisher(publisher, "timed-events", clock);
        var events = Enumerable.Range(1, 3).Select(i => new StreamEvent("t", $"k{i}", Start + TimeSpan.FromSeconds(10 * i), null)).ToList();

        // Lead 2 s: the event at 10 s goes out once the clock reads 8 s, the one at 20 s once it reads 18 s.
        var run = timed.RunAsync(events, TimeSpan.FromSeconds(2), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(8));
        await Eventually.True(() => timed.Produced == 1, () => $"{timed.Produced} produced at 8 s", Timeout);
        clock.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, timed.Produced);
        clock.Advance(TimeSpan.FromSeconds(20));
        await run.WaitAsync(Timeout);

        Assert.Equal(3, timed.Produced);
        Assert.Equal(0, timed.Failed);
        Assert.Equal(events, Consume("timed-events", 3));
    }

    [Fact]
    public async Task A_failed_send_is_counted_and_kept_while_the_rest_go_on()
    {
        using var publisher = new RecordPublisher(KafkaClients.For(_cluster.BootstrapServers));
        var timed = new TimedEventPublisher(publisher, "timed-oversized", TimeProvider.System);
        var oversized = new StreamEvent("t", "big", Start, new string('x', 2_000_000));
        var events = new[] { new StreamEvent("t", "a", Start, null), oversized, new StreamEvent("t", "b", Start, null) };

        await timed.RunAsync(events, TimeSpan.Zero, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(2, timed.Produced);
        Assert.Equal(1, timed.Failed);
        Assert.IsType<ProduceException<string, byte[]>>(timed.FirstFailure);
    }

    private List<StreamEvent> Consume(string topic, int count)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = $"{topic}-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var read = new List<StreamEvent>();
        using var deadline = new CancellationTokenSource(Timeout);
        while (read.Count < count)
            read.Add(AvroCodecs.Event.Decode(consumer.Consume(deadline.Token).Message.Value));
        return read;
    }
}
