using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Decides which input offsets may be stored for commit. Events finish out of order (dead letters take a shorter path,
/// invocations run concurrently), but a committed offset promises that everything before it is done; so per partition
/// only the contiguous prefix of finished offsets is released, for <see cref="EventConsumer.StoreOffset"/>.
/// Thread-safe: the decode stage begins offsets while the offset stage completes them, each partition under its own
/// lock, found without a lock in a table indexed by partition number (a consumer reads a topic or two). One thread at a
/// time begins offsets, as the decode stage does: an offset above the partition's last one, the usual case, is added
/// without the partition's lock (see <see cref="PartitionOffsets"/>).
/// </summary>
public sealed class OffsetTracker
{
    // Replaced whole, under _gate, when a partition is first seen or given up; read without a lock.
    private volatile TopicOffsets[] _topics = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// Registers a consumed offset as in flight. Must be called in consumption order, before the event can finish, by
    /// one thread at a time.
    /// </summary>
    public void Begin(TopicPartition partition, Offset consumed)
    {
        var number = partition.Partition.Value;
        while (true)
        {
            var progress = Find(partition.Topic, number) ?? Track(partition.Topic, number);
            // A partition given up after this check takes the offset as if it had been given up just after the lock below.
            if (!progress.Forgotten && progress.TryAppend(consumed.Value))
                return;
            lock (progress.Gate)
            {
                // Given up between the lookup and the lock: the partition's next reading starts a new progress.
                if (progress.Forgotten)
                    continue;
                progress.Add(consumed.Value);
                return;
            }
        }
    }

    /// <summary>
    /// Marks an offset of <paramref name="partition"/> finished. Returns the offset to store for that partition (the
    /// consumed offset whose successor is the next to read), or null when an earlier offset of the partition is still in
    /// flight. A value, so releasing an offset allocates nothing.
    /// </summary>
    public Offset? Complete(TopicPartition partition, Offset consumed)
    {
        // A record of a partition given up meanwhile (see Forget) releases nothing: its partition's next owner decides.
        if (Find(partition.Topic, partition.Partition.Value) is not { } progress)
            return null;
        lock (progress.Gate)
            return progress.Forgotten || progress.Finish(consumed.Value) is not { } releasedUpTo ? null : new Offset(releasedUpTo);
    }

    /// <summary>
    /// Forgets the progress of partitions given up: if one comes back, its records are read again from the committed
    /// offset, and only those may release offsets (the highest offset finished before must not).
    /// </summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (Find(partition.Topic, partition.Partition.Value) is not { } progress)
                    continue;
                lock (progress.Gate)
                    progress.Forgotten = true;
                Replace(partition.Topic, partition.Partition.Value, null);
            }
        }
    }

    /// <summary>Offsets still in flight, over all partitions.</summary>
    public int InFlightCount
    {
        get
        {
            var inFlight = 0;
            foreach (var topic in _topics)
            {
                foreach (var progress in topic.Partitions)
                {
                    if (progress is null)
                        continue;
                    lock (progress.Gate)
                        inFlight += progress.Forgotten ? 0 : progress.InFlight;
                }
            }
            return inFlight;
        }
    }

    private PartitionOffsets? Find(string topic, int partition)
    {
        foreach (var held in _topics)
        {
            if (string.Equals(held.Topic, topic, StringComparison.Ordinal))
                return (uint)partition < (uint)held.Partitions.Length ? held.Partitions[partition] : null;
        }
        return null;
    }

    /// <summary>The partition's progress, started now unless another thread started it first.</summary>
    private PartitionOffsets Track(string topic, int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        lock (_gate)
        {
            if (Find(topic, partition) is { Forgotten: false } started)
                return started;
            var progress = new PartitionOffsets();
            Replace(topic, partition, progress);
            return progress;
        }
    }

    /// <summary>Publishes a copy of the table with <paramref name="progress"/> in the partition's place; under <see cref="_gate"/>.</summary>
    private void Replace(string topic, int partition, PartitionOffsets? progress)
    {
        var topics = _topics;
        var index = Array.FindIndex(topics, held => string.Equals(held.Topic, topic, StringComparison.Ordinal));
        var partitions = index < 0 ? [] : topics[index].Partitions;
        var copy = new PartitionOffsets?[Math.Max(partitions.Length, partition + 1)];
        partitions.CopyTo(copy, 0);
        copy[partition] = progress;
        var updated = index < 0 ? [.. topics, new TopicOffsets(topic, copy)] : (TopicOffsets[])topics.Clone();
        if (index >= 0)
            updated[index] = new TopicOffsets(topic, copy);
        _topics = updated;
    }

    /// <summary>One topic's partitions' progress, indexed by partition number; null where none is tracked.</summary>
    private sealed record TopicOffsets(string Topic, PartitionOffsets?[] Partitions);
}
