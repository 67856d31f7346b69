using System.Collections.Concurrent;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>What operators ask of a running consumer: is it polling, and how far behind is each partition.</summary>
public sealed partial class EventConsumer
{
    /// <summary>When the poll loop last went round, as a <see cref="TimeProvider"/> timestamp; 0 before it started.</summary>
    private long _lastPolled;

    /// <summary>
    /// The committed offset of each assigned partition that had one when it was assigned: where its reading starts, so
    /// the lag of a partition nothing was read from yet counts from there.
    /// </summary>
    private readonly ConcurrentDictionary<TopicPartition, long> _committedAtAssignment = new();

    /// <summary>Time since the poll loop last went round (it does at least every 100 ms while it runs); null before it started.</summary>
    public TimeSpan? SinceLastPoll => Volatile.Read(ref _lastPolled) is var at and not 0 ? _time.GetElapsedTime(at) : null;

    /// <summary>True from <see cref="Start"/> until <see cref="StopFetching"/>, while the poll loop has not failed.</summary>
    public bool IsFetching => _thread is not null && !_stopFetching && !_closed.Task.IsCompleted;

    /// <summary>
    /// Lag of every assigned partition whose log end is known, from what librdkafka learnt with its last fetch: no request
    /// to the cluster, so a scrape costs the consumer nothing. The same figure as librdkafka's own <c>consumer_lag</c>:
    /// records fetched but still in the pipeline do not count. A partition nothing was read from yet counts from where
    /// its reading starts (its committed offset, else its first record or its end, as <see cref="EventConsumerOptions.StartFromBeginning"/>
    /// says), so a consumer whose intake is held back shows the whole backlog.
    /// </summary>
    public IReadOnlyList<PartitionLag> Lag()
    {
        var lags = new List<PartitionLag>();
        foreach (var partition in _consumer.Assignment)
        {
            WatermarkOffsets marks;
            Offset next;
            try
            {
                marks = _consumer.GetWatermarkOffsets(partition);
                next = _consumer.Position(partition);
            }
            catch (KafkaException)
            {
                continue; // revoked by a rebalance since the assignment was read
            }
            if (marks.High.IsSpecial)
                continue;
            var start = next.IsSpecial ? StartOf(partition, marks) : next.Value;
            lags.Add(new PartitionLag(partition.Topic, partition.Partition.Value, Math.Max(0, marks.High.Value - start)));
        }
        return lags;
    }

    /// <summary>The offset the first record read from <paramref name="partition"/> will have.</summary>
    private long StartOf(TopicPartition partition, WatermarkOffsets marks)
    {
        if (_committedAtAssignment.TryGetValue(partition, out var committed))
            return committed;
        if (!_options.StartFromBeginning)
            return marks.High.Value;
        return marks.Low.IsSpecial ? 0 : marks.Low.Value;
    }

    private void MarkPolled() => Volatile.Write(ref _lastPolled, _time.GetTimestamp());
}
