using System.Collections.Concurrent;
using System.Collections.Immutable;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// The next offset to commit per owned partition, as far as the application finished records, until a commit covers it.
/// Kept here rather than in librdkafka's offset store because that store forgets a partition on revocation, and a commit
/// refused during a rebalance would then be lost even when the partition comes straight back.
/// Thread-safe: <see cref="Store"/> runs on pipeline threads, the rest on the poll thread.
/// </summary>
internal sealed class CommitLedger
{
    private readonly ConcurrentDictionary<TopicPartition, long> _pending = new();
    private readonly ConcurrentDictionary<TopicPartition, long> _finished = new();
    private volatile ImmutableHashSet<TopicPartition> _owned = [];

    public bool Store(TopicPartition partition, long nextOffset)
    {
        if (!_owned.Contains(partition))
            return false;
        _pending.AddOrUpdate(partition, static (_, next) => next, static (_, old, next) => Math.Max(old, next), nextOffset);
        _finished.AddOrUpdate(partition, static (_, next) => next, static (_, old, next) => Math.Max(old, next), nextOffset);
        return true;
    }

    /// <summary>The next offset after the records of <paramref name="partition"/> finished since it was assigned; -1 before the first.</summary>
    public long FinishedUpTo(TopicPartition partition) => _finished.GetValueOrDefault(partition, -1);

    /// <summary>A new assignment: offsets of partitions not assigned again are dropped (their new owner reads those records again).</summary>
    public void Assigned(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions.Where(p => !_owned.Contains(p)))
            _finished.TryRemove(partition, out _);
        _owned = _owned.Union(partitions);
        foreach (var partition in _pending.Keys.Where(p => !_owned.Contains(p)))
            _pending.TryRemove(partition, out _);
    }

    /// <summary>Partitions taken away: no more stores for them; what is pending stays in case they come back.</summary>
    public void Revoked(IEnumerable<TopicPartition> partitions) => _owned = _owned.Except(partitions);

    public List<TopicPartitionOffset> Pending(IReadOnlyCollection<TopicPartition>? only) =>
        _pending.Where(p => only is null || only.Contains(p.Key)).Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList();

    /// <summary>Forgets committed offsets, unless a newer one was stored meanwhile.</summary>
    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
            ((ICollection<KeyValuePair<TopicPartition, long>>)_pending).Remove(new(offset.TopicPartition, offset.Offset.Value));
    }
}
