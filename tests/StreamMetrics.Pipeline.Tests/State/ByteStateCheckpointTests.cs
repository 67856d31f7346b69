using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Tests.State;

/// <summary>
/// The payload bytes model travels with a type's checkpoint, and checkpoints written before bytes were forecast
/// (snapshot version 1, on the state topic or in a state file) still restore the arrivals.
/// </summary>
public sealed class ByteStateCheckpointTests : IDisposable
{
    private const string Type = "orders";

    private readonly string _directory = Directory.CreateTempSubdirectory("forecaster-state-").FullName;

    [Fact]
    public void A_new_owner_continues_the_bytes_forecast_where_the_old_one_stopped()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var old = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(old))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            Learn(fixtures, old, buckets: 30);
            old.Observe(Type, 777); // an open bucket's bytes travel too
            checkpoints.WriteOwned();
            Assert.Equal(1, checkpoints.Acknowledged);
        }

        var successor = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(successor))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            Assert.Equal(1, checkpoints.Restored);
        }

        var before = old.Snapshot().Single();
        Assert.Equal(before, successor.Snapshot().Single());
        Assert.True(before.Bytes!.Value.NextBucket.Point > 0);
        Assert.Equal(777, before.Bytes.Value.InBucket);
        fixtures.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(old.Observe(Type, 500), successor.Observe(Type, 500));
    }

    [Fact]
    public async Task A_checkpoint_written_before_bytes_were_forecast_restores_the_arrivals_from_the_state_topic()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var fixtures = new StateFixtures(cluster);
        var old = fixtures.Forecaster();
        Learn(fixtures, old, buckets: 30);
        var model = ForecastModels.Create(ForecastModels.Auto, StateFixtures.Models);
        var saved = ForecasterState.Decode(old.SaveState(Type)!, model);
        using (var producer = KafkaClients.For(cluster.BootstrapServers).CreateProducer<string, byte[]>("old-writer", TimeSpan.Zero))
        {
            var partition = new TopicPartition(fixtures.StateTopic, KeyPartitioner.PartitionOf(Type, StateFixtures.Partitions));
            await producer.ProduceAsync(partition, new Message<string, byte[]> { Key = Type, Value = VersionOne(saved.Bucket, saved.Arrivals, model) });
        }

        var successor = fixtures.Forecaster();
        using (var checkpoints = fixtures.Checkpoints(successor))
        {
            checkpoints.OnAssigned(fixtures.InputPartitions());
            Assert.Equal(1, checkpoints.Restored);
        }

        var restored = successor.Snapshot().Single();
        var before = old.Snapshot().Single();
        Assert.Equal(before.NextBucket, restored.NextBucket);
        Assert.Equal(before.ArrivalsInBucket, restored.ArrivalsInBucket);
        // The bytes model starts afresh and learns from the events after the restore.
        Assert.Equal(new ByteForecast(0, Forecast.Exact(0)), restored.Bytes);
        Learn(fixtures, successor, buckets: 5);
        Assert.True(successor.Snapshot().Single().Bytes!.Value.NextBucket.Point > 0);
    }

    [Fact]
    public void A_state_file_written_before_bytes_were_forecast_still_loads()
    {
        var model = ForecastModels.Create(ForecastModels.Auto, StateFixtures.Models);
        for (var t = 0; t < 48; t++)
            model.Observe(10 * (1 + t % 12));
        File.WriteAllBytes(Path.Combine(_directory, Type + ForecasterStateFiles.Extension), VersionOne(null, 0, model));
        var forecaster = new LoadForecaster(new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(1) },
            ForecastModels.Factory(ForecastModels.Auto, StateFixtures.Models), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)));

        Assert.Equal([Type], ForecasterStateFiles.LoadInto(forecaster, _directory));
        Assert.True(forecaster.TryPredict(Type, 1, out var forecast));
        Assert.Equal(model.Predict(1), forecast);
        Assert.Equal(0, forecaster.Snapshot().Single().Bytes!.Value.NextBucket.Point);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Events of 100 to 1,000 payload bytes, a repeating count per one-second bucket.</summary>
    private static void Learn(StateFixtures fixtures, LoadForecaster forecaster, int buckets)
    {
        var random = new Random(4);
        for (var b = 0; b < buckets; b++)
        {
            for (var i = 0; i < 3 * (1 + b % 4); i++)
                forecaster.Observe(Type, random.Next(100, 1_000));
            fixtures.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The snapshot format of a forecaster that counted arrivals alone: version 1, the arrivals model last.</summary>
    private static byte[] VersionOne(long? bucket, long arrivals, ISavableForecastModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write((byte)1);
            writer.Write(bucket.HasValue);
            writer.Write(bucket ?? 0);
            writer.Write(arrivals);
            writer.Write(model.Name);
            model.WriteState(writer);
        }
        return stream.ToArray();
    }
}
