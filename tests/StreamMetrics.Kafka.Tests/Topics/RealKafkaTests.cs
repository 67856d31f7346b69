using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;
using Testcontainers.Kafka;

namespace StreamMetrics.Kafka.Tests.Topics;

/// <summary>What the embedded cluster cannot show: CreateTopics with retention and compaction on a real broker (needs Docker).</summary>
[Trait("Category", "Docker")]
public sealed class RealKafkaTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static bool DockerAvailable =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    [SkippableFact]
    public async Task Kafka_admin_creates_topics_with_retention_and_compaction_and_records_round_trip()
    {
        Skip.IfNot(DockerAvailable, "no Docker engine here (neither DOCKER_HOST nor /var/run/docker.sock): the real-Kafka test needs one");
        await using var container = new KafkaBuilder("apache/kafka:3.9.0").Build();
        await container.StartAsync();
        var servers = container.GetBootstrapAddress();

        TopicSpec[] topics = [new("real-metrics", 3, TimeSpan.FromHours(6)), new("real-state", 2, Compacted: true)];
        var admin = TopicAdmins.For(KafkaClients.For(servers), embedded: null);
        await admin.EnsureTopicsAsync(topics, CancellationToken.None);
        await admin.EnsureTopicsAsync(topics, CancellationToken.None);

        using var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build();
        var configs = await client.DescribeConfigsAsync(
            [new ConfigResource { Type = ResourceType.Topic, Name = "real-metrics" }, new ConfigResource { Type = ResourceType.Topic, Name = "real-state" }]);
        Assert.Equal("21600000", configs[0].Entries["retention.ms"].Value);
        Assert.Equal("compact", configs[1].Entries["cleanup.policy"].Value);

        using (var publisher = new RecordPublisher(KafkaClients.For(servers)))
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i => publisher.PublishAsync("real-metrics", $"k{i % 7}", Encoding.UTF8.GetBytes(i.ToString()), CancellationToken.None)));
        var consumer = new EventConsumer(KafkaClients.For(servers), new EventConsumerOptions { GroupId = "real-group", Topics = ["real-metrics"] });
        consumer.Start();
        using var cts = new CancellationTokenSource(Timeout);
        var values = new List<string>();
        while (values.Count < 100)
        {
            var message = await consumer.Messages.ReadAsync(cts.Token);
            values.Add(Encoding.UTF8.GetString(message.Value));
            consumer.StoreOffset(message.Position);
        }
        await consumer.DisposeAsync();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()).Order(), values.Order());
        Assert.Equal(0, consumer.LostMessages);
    }
}
