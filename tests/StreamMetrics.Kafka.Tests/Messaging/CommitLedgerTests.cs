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

    [Fact]
    public void Finished_offsets_outlive_a_commit_and_count_afresh_when_a_partition_is_taken_again()
    {
        var ledger = new CommitLedger();
        Assert.Equal(-1, ledger.FinishedUpTo(P0));
        ledger.Assigned([P0]);
        ledger.Store(P0, 8);
        ledger.Committed(ledger.Pending(null));
        Assert.Empty(ledger.Pending(null));
        Assert.Equal(8, ledger.FinishedUpTo(P0));
        ledger.Revoked([P0]);
        ledger.Assigned([P0]);
        Assert.Equal(-1, ledger.FinishedUpTo(P0));
    }

    [Fact]
    public void Stores_racing_on_many_threads_leave_the_highest_offset()
    {
        var ledger = new CommitLedger();
        ledger.Assigned([P0]);
        Parallel.For(1, 20_001, new ParallelOptions { MaxDegreeOfParallelism = 4 }, next => ledger.Store(P0, next));
        Assert.Equal([new TopicPartitionOffset(P0, 20_000)], ledger.Pending(null));
        Assert.Equal(20_000, ledger.FinishedUpTo(P0));
    }
}
