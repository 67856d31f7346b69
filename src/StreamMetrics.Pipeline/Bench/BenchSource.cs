using System.Threading.Channels;
using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// Stands in for the consumer: hands the graph records through a bounded channel of the consumer's default capacity,
/// spread over partitions as the Kafka input is, so offset tracking does the same work.
/// </summary>
internal static class BenchSource
{
    public const string Topic = "bench-memory";

    internal const int Capacity = 10_000;
    private const int Partitions = 32;

    public static Channel<ConsumedMessage> CreateChannel() =>
        Channel.CreateBounded<ConsumedMessage>(new BoundedChannelOptions(Capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Writes <paramref name="events"/> records, record <c>i</c> being <c>records[i % records.Length]</c>, then completes the channel.</summary>
    public static async Task FeedAsync(ChannelWriter<ConsumedMessage> writer, byte[][] records, long events, Action<long> progress, CancellationToken ct)
    {
        var partitions = new TopicPartition[Partitions];
        for (var p = 0; p < Partitions; p++)
            partitions[p] = new TopicPartition(Topic, new Partition(p));
        var timestamp = DateTimeOffset.UtcNow;
        // A wait that can be cancelled costs the channel a new waiter object each time it is full, which is nearly every
        // record while the graph is the slower side: the allocation would be counted against the pipeline. A wait that
        // cannot be cancelled reuses the channel's one waiter, so cancelling completes the channel instead.
        await using var cancelling = ct.Register(() => writer.TryComplete(new OperationCanceledException(ct)));
        for (long i = 0; i < events; i++)
        {
            var message = new ConsumedMessage(partitions[i % Partitions], new Offset(i / Partitions), null, records[i % records.Length], timestamp);
            while (!writer.TryWrite(message))
            {
                if (!await writer.WaitToWriteAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    ct.ThrowIfCancellationRequested();
                    throw new InvalidOperationException("the bench's input channel was completed before every record was written");
                }
            }
            if (i % 100_000 == 0 && i > 0)
                progress(i);
        }
        writer.TryComplete();
    }
}
