using StreamMetrics.Core.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Tests.State;

/// <summary>Forecasters on one fake clock and checkpoints on an embedded cluster, with topics named per test.</summary>
internal sealed class StateFixtures
{
    public const int Partitions = 8;
    public static readonly ForecastModelOptions Models = new() { SeasonLength = 12 };

    public StateFixtures(EmbeddedKafkaCluster cluster)
    {
        Cluster = cluster;
        var unique = Guid.NewGuid().ToString("N")[..8];
        InputTopic = $"events-{unique}";
        StateTopic = $"state-{unique}";
        cluster.CreateTopic(InputTopic, Partitions, 3);
        cluster.CreateTopic(StateTopic, Partitions, 3);
    }

    public EmbeddedKafkaCluster Cluster { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
    public string InputTopic { get; }
    public string StateTopic { get; }

    public LoadForecaster Forecaster(TypeTableOptions? types = null) =>
        new(new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(1) }, ForecastModels.Factory(ForecastModels.Auto, Models), Time, types);

    public ForecasterCheckpoints Checkpoints(LoadForecaster forecaster, string? stateTopic = null)
    {
        var checkpoints = new ForecasterCheckpoints(forecaster, KafkaClients.For(Cluster.BootstrapServers), new CheckpointSettings(
            "state-tests", InputTopic, stateTopic ?? StateTopic,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), Time, NullLogger.Instance);
        checkpoints.Start();
        return checkpoints;
    }

    public IReadOnlyList<TopicPartition> InputPartitions(params int[] partitions) =>
        (partitions.Length == 0 ? Enumerable.Range(0, Partitions) : partitions).Select(p => new TopicPartition(InputTopic, p)).ToList();

    /// <summary>Feeds each type a repeating pattern (its base times 1..4) for <paramref name="buckets"/> one-second buckets.</summary>
    public void Learn(LoadForecaster forecaster, IReadOnlyDictionary<string, int> bases, int buckets)
    {
        for (var b = 0; b < buckets; b++)
        {
            foreach (var (type, @base) in bases)
            {
                for (var i = 0; i < @base * (1 + b % 4); i++)
                    forecaster.Observe(type);
            }

            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Two types that the default partitioner puts into different partitions.</summary>
    public static (string First, string Second) TypesInDifferentPartitions()
    {
        var first = "orders";
        var second = Enumerable.Range(0, 100).Select(i => $"clicks-{i}")
            .First(t => KeyPartitioner.PartitionOf(t, Partitions) != KeyPartitioner.PartitionOf(first, Partitions));
        return (first, second);
    }
}
