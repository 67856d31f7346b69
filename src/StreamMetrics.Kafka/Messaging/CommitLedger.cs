using System.Collections.Concurrent;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// The next offset to commit per owned partition, as far as the application finished records, until a commit covers it.
/// Kept here rather than in librdkafka's offset store because that store forgets a partition on revocation, and a commit
/// refused during a rebalance would then be lost even when the partition comes straight back.
/// Thread-safe: <see cref="Store"/> runs on pipeline threads, once per event, the rest on the poll thread.
/// </summary>
internal sealed class CommitLedger
{
    // Keyed by topic name and partition number, which a committed TopicPartitionOffset gives without building a
    // TopicPartition (Confluent builds a new one on every read of that property).
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionCommits> _partitions = new();

    /// <summary>Records that the records of <paramref name="partition"/> before <paramref name="nextOffset"/> are finished; false when it is not owned.</summary>
    public bool Store(TopicPartition partition, long nextOffset)
    {
        if (!_partitions.TryGetValue(Key(partition), out var commits) || !commits.Owned)
            return false;
        commits.Store(nextOffset);
        return true;
    }

    /// <summary>The next offset after the records of <paramref name="partition"/> finished since it was assigned; -1 before the first.</summary>
    public long FinishedUpTo(TopicPartition partition) =>
        _partitions.TryGetValue(Key(partition), out var commits) ? commits.Finished : -1;

    /// <summary>A new assignment: offsets of partitions not assigned again are dropped (their new owner reads those records again).</summary>
    public void Assigned(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
            _partitions.GetOrAdd(Key(partition), static _ => new PartitionCommits()).Take();
        foreach (var (key, commits) in _partitions)
        {
            if (!commits.Owned)
                _partitions.TryRemove(key, out _);
        }
    }

    /// <summary>Partitions taken away: no more stores for them; what is pending stays in case they come back.</summary>
    public void Revoked(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_partitions.TryGetValue(Key(partition), out var commits))
                commits.Owned = false;
        }
    }

    public List<TopicPartitionOffset> Pending(IReadOnlyCollection<TopicPartition>? only)
    {
        var pending = new List<TopicPartitionOffset>();
        foreach (var ((topic, number), commits) in _partitions)
        {
            var next = commits.Pending;
            if (next < 0)
                continue;
            var partition = new TopicPartition(topic, number);
            if (only is null || only.Contains(partition))
                pending.Add(new TopicPartitionOffset(partition, next));
        }
        return pending;
    }

    /// <summary>Forgets committed offsets, unless a newer one was stored meanwhile.</summary>
    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            if (_partitions.TryGetValue((offset.Topic, offset.Partition.Value), out var commits))
                commits.Committed(offset.Offset.Value);
        }
    }

    private static (string, int) Key(TopicPartition partition) => (partition.Topic, partition.Partition.Value);

    /// <summary>One partition's progress: the offset to commit next (-1: nothing new) and the highest finished since it was taken.</summary>
    private sealed class PartitionCommits
    {
        private long _pending = -1;
        private long _finished = -1;
        private volatile bool _owned;

        public bool Owned
        {
            get => _owned;
            set => _owned = value;
        }

        public long Pending => Volatile.Read(ref _pending);

        public long Finished => Volatile.Read(ref _finished);

        /// <summary>Owned from now on; a partition that was not owned before starts counting its finished records afresh.</summary>
        public void Take()
        {
            if (!_owned)
                Volatile.Write(ref _finished, -1);
            _owned = true;
        }

        public void Store(long nextOffset)
        {
            RaiseTo(ref _pending, nextOffset);
            RaiseTo(ref _finished, nextOffset);
        }

        /// <summary>Clears the pending offset if a commit covered it and no newer one was stored meanwhile.</summary>
        public void Committed(long offset) => Interlocked.CompareExchange(ref _pending, -1, offset);

        private static void RaiseTo(ref long location, long value)
        {
            var seen = Volatile.Read(ref location);
            while (seen < value)
            {
                var previous = Interlocked.CompareExchange(ref location, value, seen);
                if (previous == seen)
                    return;
                seen = previous;
            }
        }
    }
}
