using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>What operators ask of a running consumer: is it polling, and how far behind is each partition.</summary>
public sealed partial class EventConsumer
{
    /// <summary>When the poll loop last went round, as a <see cref="TimeProvider"/> timestamp; 0 before it started.</summary>
    private long _lastPolled;

    /// <summary>Time since the poll loop last went round (it does at least every 100 ms while it runs); null before it started.</summary>
    public TimeSpan? SinceLastPoll => Volatile.Read(ref _lastPolled) is var at and not 0 ? _time.GetElapsedTime(at) : null;

    /// <summary>True from <see cref="Start"/> until <see cref="StopFetching"/>, while the poll loop has not failed.</summary>
    public bool IsFetching => _thread is not null && !_stopFetching && !_closed.Task.IsCompleted;

    /// <summary>
    /// Lag of every assigned partition whose log end and read position are known, from what librdkafka learnt with its
    /// last fetch: no request to the cluster, so a scrape costs the consumer nothing. The same figure as librdkafka's own
    /// <c>consumer_lag</c>: records fetched but still in the pipeline do not count.
    /// </summary>
    public IReadOnlyList<PartitionLag> Lag()
    {
        var lags = new List<PartitionLag>();
        foreach (var partition in _consumer.Assignment)
        {
            Offset end, next;
            try
            {
                end = _consumer.GetWatermarkOffsets(partition).High;
                next = _consumer.Position(partition);
            }
            catch (KafkaException)
            {
                continue; // revoked by a rebalance since the assignment was read
            }
            if (!end.IsSpecial && !next.IsSpecial)
                lags.Add(new PartitionLag(partition.Topic, partition.Partition.Value, Math.Max(0, end.Value - next.Value)));
        }
        return lags;
    }

    private void MarkPolled() => Volatile.Write(ref _lastPolled, _time.GetTimestamp());
}
