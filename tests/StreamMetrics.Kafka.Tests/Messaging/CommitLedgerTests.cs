using Confluent.Kafka;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class CommitLedgerTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Fact]
    public void Only_owned_partitions_are_stored_and_the_highest_offset_wins()
    {
        var ledger = new CommitLedger();
        Assert.False(ledger.Store(P0, 5));
        ledger.Assigned([P0]);
        Assert.True(ledger.Store(P0, 7));
        Assert.True(ledger.Store(P0, 3));
        Assert.False(ledger.Store(P1, 1));
        Assert.Equal([new TopicPartitionOffset(P0, 7)], ledger.Pending(null));
    }

    [Fact]
    public void A_commit_forgets_only_what_it_covered()
    {
        var ledger = new CommitLedger();
        ledger.Assigned([P0, P1]);
        ledger.Store(P0, 10);
        ledger.Store(P1, 4);
        var snapshot = ledger.Pending(null);
        ledger.Store(P0, 12); // stored while the commit was in flight
        ledger.Committed(snapshot);
        Assert.Equal([new TopicPartitionOffset(P0, 12)], ledger.Pending(null));
        Assert.Empty(ledger.Pending([P1]));
    }

    [Fact]
    public void Pending_offsets_survive_a_revocation_only_if_the_partition_comes_back()
    {
        var ledger = new CommitLedger();
        ledger.Assigned([P0, P1]);
        ledger.Store(P0, 10);
        ledger.Store(P1, 20);
        ledger.Revoked([P0, P1]);
        Assert.False(ledger.Store(P0, 11));
        ledger.Assigned([P0]);
        Assert.Equal([new TopicPartitionOffset(P0, 10)], ledger.Pending(null));
    }
}
