using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Reads partitions of a compacted topic (the forecaster states) from their beginning to the end offsets seen when the
/// read starts, and keeps the last value per key (a null value, a tombstone, removes the key). Not a group member: it
/// assigns partitions itself and never commits, because a snapshot topic is always read whole.
/// </summary>
public sealed class CompactedTopicReader : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private readonly IConsumer<string, byte[]> _consumer;

    /// <param name="clients">Where the cluster is and how to reach it.</param>
    /// <param name="name">The reader's client id, and the group id the client requires but never joins.</param>
    /// <param name="log">Where librdkafka's log lines go; nowhere without one.</param>
    public CompactedTopicReader(KafkaClients clients, string name, ILogger? log = null)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(clients.ReaderConfig(name, endOfPartitionEvents: true))
            .SetLogHandler(NativeLog.To(log))
            .Build();
    }

    /// <summary>
    /// The newest value of every key in <paramref name="partitions"/>. Fails with <see cref="TimeoutException"/> when
    /// the end offsets are not reached within <paramref name="timeout"/>; a partial read would restore older states.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> ReadLatest(IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        var latest = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in partitions)
        {
            var marks = _consumer.QueryWatermarkOffsets(partition, timeout);
            if (marks.High.Value > marks.Low.Value)
                ends[partition] = marks.High.Value;
        }
        if (ends.Count == 0)
            return latest;

        _consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        try
        {
            while (ends.Count > 0)
            {
                if (elapsed.Elapsed > timeout)
                    throw new TimeoutException($"partitions {string.Join(",", ends.Keys)} not read to their end within {timeout.TotalSeconds:F0}s");
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = _consumer.Consume(PollTimeout);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    continue; // a failed fetch (timed out, leader moved) is fetched again by the client; the timeout bounds the whole read
                }
                if (result is null)
                    continue;
                if (!result.IsPartitionEOF)
                {
                    if (result.Message.Value is null)
                        latest.Remove(result.Message.Key);
                    else
                        latest[result.Message.Key] = result.Message.Value;
                }
                if (ends.TryGetValue(result.TopicPartition, out var end) && (result.IsPartitionEOF || result.Offset.Value >= end - 1))
                    ends.Remove(result.TopicPartition);
            }
        }
        finally
        {
            _consumer.Unassign();
        }
        return latest;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
