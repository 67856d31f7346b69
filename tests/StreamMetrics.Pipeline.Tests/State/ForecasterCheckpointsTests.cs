using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Pipeline.Tests.State;

public sealed class ForecasterCheckpointsTests
{
    private static readonly int[] Horizons = [1, 2, 5];

    [Fact]
    public void States_written_at_shutdown_are_restored_bit_identical_and_a_type_without_a_snapshot_starts_cold()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var (first, second) = StateFixtures.TypesInDifferentPartitions();
        var old = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(old))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            fixtures.Learn(old, new Dictionary<string, int> { [first] = 5, [second] = 2 }, buckets: 40);
            old.Observe(first); // an open bucket with arrivals travels too
            checkpoints.WriteOwned();
            Assert.Equal(2, checkpoints.Acknowledged);
            checkpoints.OnRevoked(fixtures.InputPartitions()); // the closing consumer's revocation has nothing left to write
            Assert.Equal(2, checkpoints.Sent);
        }

        var successor = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(successor))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            Assert.Equal(2, checkpoints.Restored);
        }

        foreach (var type in new[] { first, second })
        {
            foreach (var horizon in Horizons)
                Assert.Equal(Predict(old, type, horizon), Predict(successor, type, horizon));
        }

        Assert.False(successor.TryPredict("never-seen", 1, out _));

        // Cold: the unknown type's first forecast is that of a brand-new forecaster, not of anything restored.
        var fresh = fixtures.Forecaster();
        successor.Observe("never-seen");
        fresh.Observe("never-seen");
        Assert.Equal(Predict(fresh, "never-seen", 1), Predict(successor, "never-seen", 1));
    }

    [Fact]
    public async Task A_type_the_forecaster_forgot_has_its_snapshot_deleted_so_a_new_owner_starts_it_afresh()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var (forgotten, kept) = StateFixtures.TypesInDifferentPartitions();
        var old = fixtures.Forecaster(new TypeTableOptions { MaxTypes = 1 });
        using (var checkpoints = fixtures.Checkpoints(old))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            old.Observe(forgotten);
            fixtures.Time.Advance(TimeSpan.FromSeconds(10));
            checkpoints.WriteDue();
            await Eventually.True(() => checkpoints.Acknowledged == 1, "the first type's snapshot is acknowledged");

            old.Observe(kept); // the bound of one type forgets the first
            fixtures.Time.Advance(TimeSpan.FromSeconds(10));
            checkpoints.WriteDue();
            await Eventually.True(() => checkpoints.Deleted == 1 && checkpoints.Acknowledged == 2, "the forgotten type's snapshot is deleted, the kept one's written");
        }

        var successor = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(successor))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            Assert.Equal(1, checkpoints.Restored);
        }
        Assert.Equal([kept], successor.Types);
    }

    [Fact]
    public void Assignment_restores_only_the_types_of_the_assigned_partitions()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var (first, second) = StateFixtures.TypesInDifferentPartitions();
        var old = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(old))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            fixtures.Learn(old, new Dictionary<string, int> { [first] = 3, [second] = 7 }, buckets: 20);
            checkpoints.WriteOwned();
        }

        var successor = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(successor))
            checkpoints.OnAssigned(fixtures.InputPartitions(Pipeline.State.KeyPartitioner.PartitionOf(second, StateFixtures.Partitions)));

        Assert.Equal([second], successor.Types);
        Assert.Equal(Predict(old, second, 1), Predict(successor, second, 1));
    }

    [Fact]
    public void Revocation_writes_the_revoked_types_and_stops_writing_them()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var (first, second) = StateFixtures.TypesInDifferentPartitions();
        var old = fixtures.Forecaster();
        using var checkpoints = fixtures.Checkpoints(old);
        checkpoints.OnAssigned(fixtures.InputPartitions());
        fixtures.Learn(old, new Dictionary<string, int> { [first] = 4, [second] = 1 }, buckets: 25);

        var reference = fixtures.Forecaster(); // what the old owner held at the revocation
        reference.RestoreState(first, old.SaveState(first)!);
        checkpoints.OnRevoked(fixtures.InputPartitions(Pipeline.State.KeyPartitioner.PartitionOf(first, StateFixtures.Partitions)));
        Assert.Equal(1, checkpoints.Acknowledged);
        // Only the new owner forecasts (and scales) the type from now on.
        Assert.DoesNotContain(first, old.Types);
        Assert.Contains(second, old.Types);

        // What happens here after the revocation belongs to the new owner; a shutdown must not write it.
        fixtures.Learn(old, new Dictionary<string, int> { [first] = 50 }, buckets: 3);
        checkpoints.WriteOwned();

        var successor = fixtures.Forecaster();
        using (var next = fixtures.Checkpoints(successor))
            next.OnAssigned(fixtures.InputPartitions());
        Assert.Contains(first, successor.Types);
        Assert.Equal(Predict(reference, first, 3), Predict(successor, first, 3));
        Assert.NotEqual(Predict(old, first, 3), Predict(successor, first, 3));
    }

    [Fact]
    public async Task A_type_handed_over_keeps_its_snapshot_though_the_old_owner_forgot_it()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var (moved, stayed) = StateFixtures.TypesInDifferentPartitions();
        var old = fixtures.Forecaster();
        var checkpoints = fixtures.Checkpoints(old);
        using (checkpoints)
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            fixtures.Learn(old, new Dictionary<string, int> { [moved] = 4, [stayed] = 2 }, buckets: 10);
            WritePass(checkpoints);
            await Eventually.True(() => checkpoints.Acknowledged == 2, () => $"{checkpoints.Acknowledged} of 2 periodic snapshots acknowledged");

            checkpoints.OnRevoked(fixtures.InputPartitions(Pipeline.State.KeyPartitioner.PartitionOf(moved, StateFixtures.Partitions)));
            Assert.Equal(3, checkpoints.Acknowledged);
            Assert.DoesNotContain(moved, old.Types);

            // The next pass deletes the snapshots of types the forecaster forgot; one it forgot by handing it over is not one.
            fixtures.Time.Advance(TimeSpan.FromSeconds(10));
            old.Observe(stayed);
            WritePass(checkpoints);
            await Eventually.True(() => checkpoints.Acknowledged == 4, () => $"{checkpoints.Acknowledged} of 4 snapshots acknowledged");
        }
        // Disposing flushed the producer: a deletion sent by the second pass would have been acknowledged by now.
        Assert.Equal(0, checkpoints.Deleted);

        var successor = fixtures.Forecaster();
        using (var next = fixtures.Checkpoints(successor))
            next.OnAssigned(fixtures.InputPartitions());
        Assert.Contains(moved, successor.Types);
        Assert.Contains(stayed, successor.Types);
    }

    [Fact]
    public async Task Periodic_checkpoints_spread_a_pass_over_the_ticks_and_skip_unchanged_states()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var forecaster = fixtures.Forecaster();
        using var checkpoints = fixtures.Checkpoints(forecaster); // a pass every 10 s, ticks of 1 s: 35 types, 4 a tick
        checkpoints.OnAssigned(fixtures.InputPartitions());
        var types = Enumerable.Range(0, 35).Select(i => $"type-{i}").ToList();
        foreach (var type in types)
            forecaster.Observe(type);

        checkpoints.WriteDue();
        Assert.Equal(0, checkpoints.Sent); // the first pass waits one interval
        fixtures.Time.Advance(TimeSpan.FromSeconds(10));
        checkpoints.WriteDue();
        Assert.Equal(4, checkpoints.Sent);
        for (var tick = 0; tick < 9; tick++)
            checkpoints.WriteDue();
        Assert.Equal(35, checkpoints.Sent);
        checkpoints.WriteDue();
        Assert.Equal(35, checkpoints.Sent); // the pass is done and the next one is not due
        await Eventually.True(() => checkpoints.Acknowledged == 35, () => $"{checkpoints.Acknowledged} of 35 acknowledged", TimeSpan.FromSeconds(30));

        fixtures.Time.Advance(TimeSpan.FromSeconds(10));
        forecaster.Observe("type-7"); // the only state that changed since the last pass
        for (var tick = 0; tick < 10; tick++)
            checkpoints.WriteDue();
        Assert.Equal(36, checkpoints.Sent);
    }

    [Fact]
    public void A_state_topic_with_another_partition_count_turns_the_hand_over_off()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        cluster.CreateTopic("state-too-small", 3, 3);
        var forecaster = fixtures.Forecaster();
        using var checkpoints = fixtures.Checkpoints(forecaster, "state-too-small");
        checkpoints.OnAssigned(fixtures.InputPartitions());
        forecaster.Observe("orders");
        checkpoints.WriteOwned();

        Assert.False(checkpoints.Enabled);
        Assert.Equal(0, checkpoints.Acknowledged);
    }

    /// <summary>One whole periodic pass: a pass every 10 s spread over ticks of 1 s.</summary>
    private static void WritePass(Pipeline.State.ForecasterCheckpoints checkpoints)
    {
        for (var tick = 0; tick < 10; tick++)
            checkpoints.WriteDue();
    }

    private static Forecast Predict(LoadForecaster forecaster, string type, int horizon)
    {
        Assert.True(forecaster.TryPredict(type, horizon, out var forecast), $"'{type}' unknown");
        return forecast;
    }
}
