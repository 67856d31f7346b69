using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>What operators ask of a running consumer: is it polling, and how far behind is each partition.</summary>
public sealed partial class EventConsumer
{
    /// <summary>When the poll loop last went round, as a <see cref="TimeProvider"/> timestamp; 0 before it started.</summary>
    private long _lastPolled;

    /// <summary>
    /// Where the reading of each assigned partition starts, when it had a committed offset (or, coming straight back,
    /// finished records whose commit was refused) at its assignment: the lag of a partition nothing was read from yet
    /// counts from there.
    /// </summary>
    private readonly ConcurrentDictionary<TopicPartition, long> _committedAtAssignment = new();

    /// <summary>
    /// Partition ends the poll loop asked the cluster for while the consumer was full: librdkafka learns a partition's end
    /// only from its fetches, which stop while fetching is paused or its prefetch queue is full, so without these the lag
    /// of a full consumer would stop growing with what is produced meanwhile.
    /// </summary>
    private readonly ConcurrentDictionary<TopicPartition, long> _endsWhileFull = new();

    /// <summary>When the poll loop last asked for partition ends, as a <see cref="TimeProvider"/> timestamp.</summary>
    private long _endsAskedAt;

    /// <summary>The client that asks for partition ends, made when first needed.</summary>
    private readonly Lazy<IAdminClient> _endsAdmin;

    /// <summary>The asking for partition ends under way, off the poll thread; awaited before the client closes.</summary>
    private Task _endsAsked = Task.CompletedTask;

    /// <summary>Time since the poll loop last went round (it does at least every 100 ms while it runs); null before it started.</summary>
    public TimeSpan? SinceLastPoll => Volatile.Read(ref _lastPolled) is var at and not 0 ? _time.GetElapsedTime(at) : null;

    /// <summary>True from <see cref="Start"/> until <see cref="StopFetching"/>, while the poll loop has not failed.</summary>
    public bool IsFetching => _thread is not null && !_stopFetching && !_closed.Task.IsCompleted;

    /// <summary>
    /// Lag of every assigned partition whose log end is known, from what librdkafka learnt with its last fetch (or, while
    /// the consumer is full, what the poll loop asked for since): no request to the cluster, so a scrape costs the consumer nothing. The same figure as librdkafka's own <c>consumer_lag</c>:
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
            var end = Math.Max(marks.High.IsSpecial ? -1 : marks.High.Value, _endsWhileFull.GetValueOrDefault(partition, -1));
            if (end < 0)
                continue;
            var start = next.IsSpecial ? StartOf(partition, marks) : next.Value;
            lags.Add(new PartitionLag(partition.Topic, partition.Partition.Value, Math.Max(0, end - start)));
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

    /// <summary>
    /// While the consumer is full, asks the cluster for the ends of the assigned partitions every
    /// <see cref="EndQueryInterval"/>, through an admin client of its own: its requests do not queue up behind the
    /// consumer's fetches on their connections, and the poll loop never waits for an answer.
    /// </summary>
    private void AskEndsWhileFull()
    {
        if (!_endsAsked.IsCompleted || _time.GetElapsedTime(_endsAskedAt) < EndQueryInterval)
            return;
        _endsAskedAt = _time.GetTimestamp();
        var assignment = _consumer.Assignment;
        if (assignment.Count > 0)
            _endsAsked = AskEndsAsync(assignment);
    }

    private async Task AskEndsAsync(List<TopicPartition> partitions)
    {
        try
        {
            var ends = await _endsAdmin.Value.ListOffsetsAsync(
                partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
                new ListOffsetsOptions { RequestTimeout = EndQueryTimeout }).ConfigureAwait(false);
            foreach (var end in ends.ResultInfos.Select(r => r.TopicPartitionOffsetError).Where(e => !e.Error.IsError))
                _endsWhileFull[end.TopicPartition] = end.Offset.Value;
        }
        catch (KafkaException)
        {
            // asked again in the next interval
        }
    }

    private void MarkPolled(long timestamp) => Volatile.Write(ref _lastPolled, timestamp);
}
