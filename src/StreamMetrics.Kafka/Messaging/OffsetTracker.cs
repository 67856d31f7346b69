using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Decides which input offsets may be stored for commit. Events finish out of order (dead letters take a shorter path,
/// invocations run concurrently), but a committed offset promises that everything before it is done; so per partition
/// only the contiguous prefix of finished offsets is released, for <see cref="EventConsumer.StoreOffset"/>.
/// Thread-safe.
/// </summary>
public sealed class OffsetTracker
{
    // Keyed by topic name and partition number rather than TopicPartition: a partition's records may carry different
    // TopicPartition objects of equal value, and the tuple hashes without a call through the object.
    private readonly Dictionary<(string Topic, int Partition), PartitionOffsets> _partitions = new();
    private readonly Lock _gate = new();

    /// <summary>Registers a consumed offset as in flight. Must be called in consumption order, before the event can finish.</summary>
    public void Begin(TopicPartition partition, Offset consumed)
    {
        lock (_gate)
        {
            var key = (partition.Topic, partition.Partition.Value);
            if (!_partitions.TryGetValue(key, out var progress))
                _partitions[key] = progress = new PartitionOffsets();
            progress.Add(consumed.Value);
        }
    }

    /// <summary>
    /// Marks an offset of <paramref name="partition"/> finished. Returns the offset to store for that partition (the
    /// consumed offset whose successor is the next to read), or null when an earlier offset of the partition is still in
    /// flight. A value, so releasing an offset allocates nothing.
    /// </summary>
    public Offset? Complete(TopicPartition partition, Offset consumed)
    {
        lock (_gate)
        {
            // A record of a partition given up meanwhile (see Forget) releases nothing: its partition's next owner decides.
            var key = (partition.Topic, partition.Partition.Value);
            if (!_partitions.TryGetValue(key, out var progress) || progress.Finish(consumed.Value) is not { } releasedUpTo)
                return null;
            return new Offset(releasedUpTo);
        }
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
                _partitions.Remove((partition.Topic, partition.Partition.Value));
        }
    }

    /// <summary>Offsets still in flight, over all partitions.</summary>
    public int InFlightCount
    {
        get
        {
            lock (_gate)
                return _partitions.Values.Sum(p => p.InFlight);
        }
    }
}
