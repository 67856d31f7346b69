using Confluent.Kafka;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Kafka.Tests.Embedded;

public sealed class EmbeddedKafkaClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Start_gives_one_bootstrap_address_per_broker_and_dispose_stops_it()
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers: 2);
        var addresses = cluster.BootstrapServers.Split(',');
        Assert.Equal(2, addresses.Length);
        Assert.All(addresses, a => Assert.Matches(@"^[\d.]+:\d+$", a));
        cluster.Dispose();
        cluster.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1));
    }

    [Fact]
    public void CreateTopic_is_visible_in_metadata_and_creating_it_again_is_fine()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("cluster-create", partitions: 7, replicationFactor: 3);
        cluster.CreateTopic("cluster-create", partitions: 7, replicationFactor: 3);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var topic = admin.GetMetadata("cluster-create", Timeout).Topics.Single();
        Assert.Equal(ErrorCode.NoError, topic.Error.Code);
        Assert.Equal(7, topic.Partitions.Count);
        Assert.All(topic.Partitions, p => Assert.Equal(3, p.Replicas.Length));
    }

    [Fact]
    public void CreateTopic_rejects_a_replication_factor_above_the_broker_count()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("cluster-rf", 1, replicationFactor: 3));
        Assert.Contains("replication factor = 3", error.Message);
    }

    [Fact]
    public async Task Produced_messages_are_consumed_in_order_per_partition()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("cluster-roundtrip", 3);
        var sent = await ProduceAsync(cluster, "cluster-roundtrip", 0, 300);

        var received = Consume(cluster, "cluster-roundtrip", "cluster-roundtrip-group", sent.Count);
        // Keys m0..m299 spread the messages over all three partitions; in each, they come back in the order they were
        // sent, whatever the interleaving between partitions.
        Assert.Equal(3, sent.Select(m => m.Partition).Distinct().Count());
        foreach (var partition in sent.GroupBy(m => m.Partition))
        {
            Assert.Equal(
                partition.Select(m => m.Value),
                received.Where(m => m.Partition == partition.Key).Select(m => m.Value));
        }
    }

    [Fact]
    public async Task A_broker_down_and_back_up_loses_no_message()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("cluster-fault", 4, replicationFactor: 3);
        var before = await ProduceAsync(cluster, "cluster-fault", 0, 100);

        cluster.SetBrokerDown(2);
        cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
        var during = ProduceAsync(cluster, "cluster-fault", 100, 100);
        cluster.SetPartitionLeader("cluster-fault", 0, 3);
        cluster.SetBrokerUp(2);
        var sent = before.Concat(await during).ToList();

        var received = Consume(cluster, "cluster-fault", "cluster-fault-group", sent.Count);
        Assert.Equal(sent.Select(m => m.Value).Order(), received.Select(m => m.Value).Order());
    }

    /// <summary>Produces m{first}.. as key and value, in that order; returns each with the partition it went to, in that order.</summary>
    private static async Task<List<(string Value, int Partition)>> ProduceAsync(EmbeddedKafkaCluster cluster, string topic, int first, int count)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = 30_000,
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var values = Enumerable.Range(first, count).Select(i => $"m{i}").ToList();
        var delivered = await Task.WhenAll(values.Select(v => producer.ProduceAsync(topic, new Message<string, string> { Key = v, Value = v })));
        return delivered.Select(d => (d.Message.Value, d.Partition.Value)).ToList();
    }

    /// <summary>Consumes until <paramref name="expected"/> messages came or the timeout passed; returns them in the order consumed.</summary>
    private static List<(string Value, int Partition)> Consume(EmbeddedKafkaCluster cluster, string topic, string group, int expected)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var received = new List<(string Value, int Partition)>();
        var deadline = DateTime.UtcNow + Timeout;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false })
                received.Add((result.Message.Value, result.Partition.Value));
        }
        consumer.Close();
        return received;
    }
}
