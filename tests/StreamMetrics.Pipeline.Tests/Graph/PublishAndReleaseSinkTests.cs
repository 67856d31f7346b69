using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Tests.EndToEnd;

namespace StreamMetrics.Pipeline.Tests.Graph;

/// <summary>
/// The graph's end releases an event only once its publish is acknowledged, on whatever thread the acknowledgement
/// arrives, keeps at most its limit of publishes unacknowledged, and finishes only after the last acknowledgement.
/// </summary>
public sealed class PublishAndReleaseSinkTests
{
    private const int Limit = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Releases_each_event_after_its_acknowledgement_with_at_most_the_limit_unacknowledged()
    {
        const int Events = 200;
        var publisher = new AcknowledgingLater();
        var counted = new ConcurrentDictionary<long, bool>();
        var released = new ConcurrentDictionary<long, bool>();
        var done = RunSink(
            Events,
            publisher.PublishAsync,
            acknowledged =>
            {
                Assert.True(publisher.WasAcknowledged(acknowledged), $"offset {acknowledged.Message.Offset.Value} counted before its acknowledgement");
                Assert.True(counted.TryAdd(acknowledged.Message.Offset.Value, true), $"offset {acknowledged.Message.Offset.Value} counted twice");
            },
            finished =>
            {
                Assert.True(counted.ContainsKey(finished.Message.Offset.Value), $"offset {finished.Message.Offset.Value} released before it was counted");
                Assert.True(released.TryAdd(finished.Message.Offset.Value, true), $"offset {finished.Message.Offset.Value} released twice");
            });

        var random = new Random(7);
        while (true)
        {
            // The sink takes no more until an acknowledgement makes room: wait until it holds its limit, then free some.
            await Eventually.True(
                () => publisher.Pending == Limit || publisher.Published == Events,
                () => $"the sink fills its limit: {publisher.Pending} pending, {publisher.Published} published",
                Timeout);
            if (publisher.Published == Events)
                break;
            await Task.Run(() => publisher.AcknowledgeSome(random.Next(1, Limit + 1), random));
        }

        // Every event was taken and the upstream is done; the last publishes are still unacknowledged.
        Assert.True(publisher.Pending > 0);
        Assert.False(done.IsCompleted, "the sink finished before its last publishes were acknowledged");
        await Task.Run(() => publisher.AcknowledgeSome(int.MaxValue, random));
        await done.WaitAsync(Timeout);

        Assert.Equal(Events, counted.Count);
        Assert.Equal(Events, released.Count);
        Assert.Equal(Limit, publisher.MostPending);
    }

    [Fact]
    public async Task Publishes_acknowledged_at_once_are_released_in_order()
    {
        const int Events = 1_000;
        var counted = new List<long>();
        var released = new List<long>();
        var done = RunSink(
            Events, _ => Task.CompletedTask, acknowledged => counted.Add(acknowledged.Message.Offset.Value), finished => released.Add(finished.Message.Offset.Value));

        await done.WaitAsync(Timeout);

        var offsets = Enumerable.Range(0, Events).Select(i => (long)i);
        Assert.Equal(offsets, counted);
        Assert.Equal(offsets, released);
    }

    [Fact]
    public async Task A_failed_publish_fails_the_stream_and_releases_nothing_of_its_own()
    {
        const int Events = 50;
        const long FailingOffset = 20;
        var failure = new InvalidOperationException("the broker refused the record");
        var counted = new ConcurrentBag<long>();
        var released = new ConcurrentBag<long>();
        var done = RunSink(
            Events,
            async published =>
            {
                await Task.Yield();
                if (published.Message.Offset.Value == FailingOffset)
                    throw failure;
            },
            acknowledged => counted.Add(acknowledged.Message.Offset.Value),
            finished => released.Add(finished.Message.Offset.Value));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => done.WaitAsync(Timeout));

        Assert.Same(failure, thrown);
        Assert.DoesNotContain(FailingOffset, counted);
        Assert.DoesNotContain(FailingOffset, released);
    }

    [Fact]
    public async Task A_publish_or_release_that_throws_fails_the_stream_with_its_own_error()
    {
        var refused = new InvalidOperationException("the record could not be encoded");
        var publishThrows = RunSink(10, published => published.Message.Offset.Value == 3 ? throw refused : Task.CompletedTask, _ => { }, _ => { });
        Assert.Same(refused, await Assert.ThrowsAsync<InvalidOperationException>(() => publishThrows.WaitAsync(Timeout)));

        var unreleasable = new InvalidOperationException("the offset store is closed");
        var releaseThrows = RunSink(10, _ => Task.CompletedTask, _ => { }, finished => _ = finished.Message.Offset.Value == 3 ? throw unreleasable : 0);
        Assert.Same(unreleasable, await Assert.ThrowsAsync<InvalidOperationException>(() => releaseThrows.WaitAsync(Timeout)));
    }

    private static Task RunSink(
        int events, Func<PipelineEvent, Task> publish, Action<PipelineEvent> acknowledged, Action<PipelineEvent> release)
    {
        var pool = new PipelineEventPool();
        return Source.From(Enumerable.Range(0, events))
            .Select(offset => pool.Take(new ConsumedMessage(new TopicPartition("events", 0), offset, null, [], DateTimeOffset.UnixEpoch)))
            .RunWith(new PublishAndReleaseSink(Limit, publish, acknowledged, release), TestActorSystem.Shared.Materializer());
    }

    /// <summary>Holds every publish until the test acknowledges it, in an order of the test's choosing.</summary>
    private sealed class AcknowledgingLater
    {
        private readonly Lock _gate = new();
        private readonly List<(PipelineEvent Event, TaskCompletionSource<PipelineEvent> Acknowledgement)> _pending = [];
        private readonly HashSet<long> _acknowledged = [];
        private int _published;
        private int _mostPending;

        public int Published => Volatile.Read(ref _published);

        public int MostPending => Volatile.Read(ref _mostPending);

        public int Pending
        {
            get
            {
                lock (_gate)
                    return _pending.Count;
            }
        }

        public Task<PipelineEvent> PublishAsync(PipelineEvent published)
        {
            var acknowledgement = new TaskCompletionSource<PipelineEvent>();
            lock (_gate)
            {
                _pending.Add((published, acknowledgement));
                _mostPending = Math.Max(_mostPending, _pending.Count);
                _published++;
            }
            return acknowledgement.Task;
        }

        public bool WasAcknowledged(PipelineEvent released)
        {
            lock (_gate)
                return _acknowledged.Contains(released.Message.Offset.Value);
        }

        /// <summary>Acknowledges up to <paramref name="count"/> pending publishes, picked at random, on the calling thread.</summary>
        public void AcknowledgeSome(int count, Random random)
        {
            for (var i = 0; i < count; i++)
            {
                (PipelineEvent Event, TaskCompletionSource<PipelineEvent> Acknowledgement) picked;
                lock (_gate)
                {
                    if (_pending.Count == 0)
                        return;
                    var index = random.Next(_pending.Count);
                    picked = _pending[index];
                    _pending.RemoveAt(index);
                    _acknowledged.Add(picked.Event.Message.Offset.Value);
                }
                picked.Acknowledgement.SetResult(picked.Event);
            }
        }
    }
}
