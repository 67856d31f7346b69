using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>Partition assignment and revocation, run by librdkafka on the poll thread inside <c>Consume</c>.</summary>
public sealed partial class EventConsumer
{
    private void OnAssigned(List<TopicPartition> partitions)
    {
        _ledger.Assigned(partitions);
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
            if (position.Offset.Value >= 0)
                _gaps.Expect(position.TopicPartition, position.Offset.Value);
            else if (_options.StartFromBeginning && _options.CountMissingHeadAsLost)
                _gaps.Expect(position.TopicPartition, 0);
        }
        LogAssigned(_options.GroupId, string.Join(",", partitions));
        Notify(PartitionsAssigned, partitions);
    }

    private void OnRevoked(List<TopicPartition> partitions, bool commit)
    {
        // On a rebalance this commit can be refused (the embedded cluster refuses every commit while the group
        // rebalances); the offsets then stay pending and are committed if the partitions come back.
        var committed = commit && CommitStored(partitions);
        _ledger.Revoked(partitions);
        var revoked = partitions.ToHashSet();
        var keep = _waiting.Where(m => !revoked.Contains(m.Position.TopicPartition)).ToList();
        _waiting.Clear();
        keep.ForEach(_waiting.Enqueue);
        foreach (var partition in partitions)
            _gaps.Forget(partition);
        LogRevoked(_options.GroupId, string.Join(",", partitions), committed);
        Notify(PartitionsRevoked, partitions);
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
