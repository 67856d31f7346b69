using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Partition assignment and revocation, run by librdkafka on the poll thread inside <c>Consume</c>. A rebalance is one
/// log line: the revocation is remembered and told with the assignment that follows it.
/// </summary>
public sealed partial class EventConsumer
{
    /// <summary>Partitions revoked since the last assignment, and whether all their offsets were committed.</summary>
    private (List<TopicPartition> Partitions, bool Committed)? _revokedBeforeAssignment;

    /// <summary>
    /// Takes up <paramref name="partitions"/> and returns where each starts: from its committed offset, unless this
    /// consumer finished records past it that a refused commit left pending (the embedded cluster refuses commits while
    /// the group rebalances): a partition that comes straight back resumes after those, instead of processing them twice.
    /// </summary>
    private List<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        _paused = false;
        _ledger.Assigned(partitions);
        var resume = _ledger.Pending(partitions).ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
        List<TopicPartitionOffset> committed;
        try
        {
            committed = partitions.Count == 0 ? [] : _consumer.Committed(partitions, CommittedLookupTimeout);
        }
        catch (KafkaException e)
        {
            // Without the committed offsets a gap at the start of these partitions goes unnoticed; later gaps are still seen.
            LogCommittedLookupFailed(e.Error.Reason);
            committed = [];
        }
        foreach (var position in committed)
        {
            if (resume.TryGetValue(position.TopicPartition, out var next) || position.Offset.Value >= 0)
            {
                var start = Math.Max(next, position.Offset.Value);
                _gaps.Expect(position.TopicPartition, start);
                _committedAtAssignment[position.TopicPartition] = start;
            }
            else if (_options.StartFromBeginning && _options.CountMissingHeadAsLost)
            {
                _gaps.Expect(position.TopicPartition, 0);
            }
        }
        if (_revokedBeforeAssignment is { } revoked)
            LogRebalanced(_options.GroupId, PartitionList.Format(partitions), PartitionList.Format(revoked.Partitions), revoked.Committed);
        else
            LogAssigned(_options.GroupId, PartitionList.Format(partitions));
        _revokedBeforeAssignment = null;
        Notify(PartitionsAssigned, partitions);
        return partitions.Select(p => new TopicPartitionOffset(p, resume.TryGetValue(p, out var next) ? next : Offset.Unset)).ToList();
    }

    private void OnRevoked(List<TopicPartition> partitions, bool commit)
    {
        var admitted = Retire(partitions);
        if (commit)
            AwaitFinished(admitted);
        // On a rebalance this commit can be refused (the embedded cluster refuses every commit while the group
        // rebalances); the offsets then stay pending and are committed if the partitions come back.
        var committed = commit && CommitStored(partitions);
        _ledger.Revoked(partitions);
        var revoked = partitions.ToHashSet();
        var keep = _waiting.Where(m => !revoked.Contains(m.Partition)).ToList();
        Interlocked.Add(ref _fetchedMessages, keep.Count - _waiting.Count); // dropped unread: the new owner reads them
        _waiting.Clear();
        keep.ForEach(_waiting.Enqueue);
        foreach (var partition in partitions)
        {
            _gaps.Forget(partition);
            _committedAtAssignment.TryRemove(partition, out _);
            _endsWhileFull.TryRemove(partition, out _);
        }
        if (partitions.Count > 0)
            TellRevoked(partitions, commit, committed);
        Notify(PartitionsRevoked, partitions);
    }

    /// <summary>
    /// At information level a revocation is told with the assignment that follows it, one line per rebalance; alone it
    /// shows only at debug. Partitions lost without a commit are a warning of their own.
    /// </summary>
    private void TellRevoked(List<TopicPartition> partitions, bool commit, bool committed)
    {
        if (!commit)
        {
            LogLost(_options.GroupId, PartitionList.Format(partitions));
            return;
        }
        LogRevoked(_options.GroupId, PartitionList.Format(partitions), committed);
        _revokedBeforeAssignment = _revokedBeforeAssignment is { } before
            ? ([.. before.Partitions, .. partitions], before.Committed && committed)
            : (partitions, committed);
    }

    private void Notify(Action<IReadOnlyList<TopicPartition>>? handlers, List<TopicPartition> partitions)
    {
        try
        {
            handlers?.Invoke(partitions);
        }
        catch (Exception e)
        {
            LogHandlerFailed(e);
        }
    }
}
