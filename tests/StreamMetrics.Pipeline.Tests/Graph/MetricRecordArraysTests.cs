using System.Collections.Concurrent;
using System.Threading.Channels;
using Akka.Streams;
using Confluent.Kafka;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Bench;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Bench;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Hosting;
using StreamMetrics.Pipeline.Tests.EndToEnd;

namespace StreamMetrics.Pipeline.Tests.Graph;

/// <summary>
/// The metrics sink encodes each record into an array it reuses for a later record once the publish completed. Through
/// the real graph, a publisher that holds a window of publishes unacknowledged checks, as it acknowledges each, that
/// none of its records' bytes changed while it held them: an array reused too early would be rewritten by a later
/// record (every record names its own input offset, so no two records are equal).
/// </summary>
public sealed class MetricRecordArraysTests
{
    private const int Events = 20_000;
    private const int Types = 4;
    private const int Partitions = 8;
    private const int HeldPublishes = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_record_array_is_reused_only_after_its_publish_completed()
    {
        var pins = string.Join(", ", Enumerable.Range(0, Types).Select(i => $"\"{BenchEvents.TypeName(i)}\": {{ \"pin\": \"debug\" }}"));
        var options = new ServiceOptions
        {
            BootstrapServers = "in-memory",
            Config = StreamMetricsConfig.Parse($$"""
                {
                  "selection": { "types": { {{pins}} } },
                  "functions": { "*": { "function": "noop" } },
                  "pool": { "coldStart": "0ms", "maxParallelism": 64, "initialParallelism": 64 }
                }
                """, "test configuration"),
        };
        var components = ServiceComponents.Create(options, TimeProvider.System);
        var publisher = new HoldingPublisher(HeldPublishes);
        var offsets = new HighestOffsetStore();
        using var stopping = new CancellationTokenSource();
        var stages = PipelineStages.Create(components, publisher, offsets, TimeProvider.System, dispatchAtEventTime: false, stopping.Token);
        var input = BenchSource.CreateChannel();
        var (_, completion) = PipelineGraph.Run(input.Reader, stages, TestActorSystem.Shared.Materializer());

        await FeedAsync(input.Writer);
        var counters = components.Counters;
        await Eventually.True(
            () => counters.EventsProcessed + publisher.Held == Events,
            () => $"every event reaches the sink: {counters.EventsProcessed} processed, {publisher.Held} held",
            Timeout);
        publisher.AcknowledgeAll();
        await completion.WaitAsync(Timeout);

        Assert.Equal((long)Events, counters.EventsProcessed);
        // Events finish out of order; each partition's stored offset reaches its last record all the same.
        Assert.Equal(Enumerable.Repeat((long)(Events / Partitions) - 1, Partitions), offsets.HighestByPartition(Partitions));
        Assert.True(publisher.Records >= Events, $"{publisher.Records} records published for {Events} events");
        Assert.Equal(0, publisher.Rewritten);
        // The check above means something only if arrays were reused at all.
        Assert.True(publisher.Reused > publisher.Records / 2, $"{publisher.Reused} of {publisher.Records} records in a reused array");
    }

    private static async Task FeedAsync(ChannelWriter<ConsumedMessage> writer)
    {
        var records = BenchEvents.Encode(Types, DateTimeOffset.UtcNow);
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(BenchSource.Topic, p)).ToArray();
        for (var i = 0; i < Events; i++)
            await writer.WriteAsync(new ConsumedMessage(partitions[i % Partitions], i / Partitions, null, records[i % Types], DateTimeOffset.UtcNow));
        writer.Complete();
    }

    /// <summary>
    /// Holds the last <paramref name="window"/> publishes unacknowledged, as a producer whose acknowledgements lag; on
    /// acknowledging one it compares its records' arrays with the copies taken when they were published.
    /// </summary>
    private sealed class HoldingPublisher(int window) : IRecordPublisher
    {
        private readonly Queue<Publish> _held = new();
        private readonly HashSet<byte[]> _seen = new(ReferenceEqualityComparer.Instance);
        private readonly Lock _gate = new();
        private int _rewritten;

        public long Records { get; private set; }

        public long Reused { get; private set; }

        public int Rewritten => Volatile.Read(ref _rewritten);

        public int Held
        {
            get
            {
                lock (_gate)
                    return _held.Count;
            }
        }

        public Task PublishAsync(string topic, string? key, byte[] value, CancellationToken ct) =>
            Task.FromException(new InvalidOperationException($"no dead letter expected, got one for {topic}"));

        public Task PublishAllAsync(string topic, string? key, byte[][] values, CancellationToken ct)
        {
            var publish = new Publish([.. values], [.. values.Select(v => v.ToArray())]);
            var due = new List<Publish>();
            lock (_gate)
            {
                foreach (var array in publish.Arrays)
                {
                    if (!_seen.Add(array))
                        Reused++;
                }
                Records += publish.Arrays.Length;
                _held.Enqueue(publish);
                while (_held.Count > window)
                    due.Add(_held.Dequeue());
            }
            foreach (var acknowledged in due)
                Acknowledge(acknowledged);
            return publish.Acknowledged.Task;
        }

        public void AcknowledgeAll()
        {
            List<Publish> due;
            lock (_gate)
            {
                due = [.. _held];
                _held.Clear();
            }
            foreach (var acknowledged in due)
                Acknowledge(acknowledged);
        }

        private void Acknowledge(Publish publish)
        {
            for (var i = 0; i < publish.Arrays.Length; i++)
            {
                if (!publish.Arrays[i].AsSpan().SequenceEqual(publish.Copies[i]))
                    Interlocked.Increment(ref _rewritten);
            }
            publish.Acknowledged.SetResult();
        }

        private sealed record Publish(byte[][] Arrays, byte[][] Copies)
        {
            public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The consumer's offset store without Kafka, keeping each partition's highest stored offset.</summary>
    private sealed class HighestOffsetStore : IOffsetStore
    {
        private readonly ConcurrentDictionary<int, long> _highest = new();

        public bool StoreOffset(TopicPartition partition, Offset consumed)
        {
            _highest.AddOrUpdate(partition.Partition.Value, consumed.Value, (_, stored) => Math.Max(stored, consumed.Value));
            return true;
        }

        public IEnumerable<long> HighestByPartition(int partitions) =>
            Enumerable.Range(0, partitions).Select(p => _highest.GetValueOrDefault(p, -1));
    }
}
