using Confluent.Kafka;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Tests.State;

public sealed class KeyPartitionerTests
{
    [Fact]
    public async Task Predicts_the_partition_the_default_producer_picks_for_each_type()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        const string topic = "partitioned";
        const int partitions = 32;
        cluster.CreateTopic(topic, partitions, 3);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var types = Enumerable.Range(0, 200).Select(i => $"type-{i}").Append("orders").Append("Zählung-ü").ToList();
        var landed = new Dictionary<string, int>();
        foreach (var type in types)
            landed[type] = (await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = type, Value = [1] })).Partition.Value;

        Assert.Equal(landed, types.ToDictionary(t => t, t => KeyPartitioner.PartitionOf(t, partitions)));
        Assert.True(landed.Values.Distinct().Count() > partitions / 2, "the keys spread over the partitions");
    }
}
