using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
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

    /// <summary>A started single-node Kafka; skips the test where no Docker engine exists.</summary>
    private static async Task<KafkaContainer> StartKafkaAsync()
    {
        Skip.IfNot(DockerAvailable, "no Docker engine here (neither DOCKER_HOST nor /var/run/docker.sock): the real-Kafka test needs one");
        var container = new KafkaBuilder("apache/kafka:3.9.0").Build();
        await container.StartAsync();
        return container;
    }

    [SkippableFact]
    public async Task Kafka_admin_creates_topics_with_retention_and_compaction_and_records_round_trip()
    {
        await using var container = await StartKafkaAsync();
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
            consumer.StoreOffset(message.Partition, message.Offset);
        }
        await consumer.DisposeAsync();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()).Order(), values.Order());
        Assert.Equal(0, consumer.LostMessages);
    }

    [SkippableFact]
    public async Task An_existing_metrics_topic_whose_retention_differs_from_its_profile_is_brought_to_it_with_a_log_line()
    {
        await using var container = await StartKafkaAsync();
        var servers = container.GetBootstrapAddress();
        await new KafkaTopicAdmin(KafkaClients.For(servers)).EnsureTopicsAsync([new TopicSpec("metrics.standard", 2, TimeSpan.FromHours(6))], CancellationToken.None);

        var logger = new ListLogger<KafkaTopicAdmin>();
        await new KafkaTopicAdmin(KafkaClients.For(servers), logger).EnsureTopicsAsync([new TopicSpec("metrics.standard", 2, TimeSpan.FromDays(3))], CancellationToken.None);

        using var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build();
        var configs = await client.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "metrics.standard" }]);
        Assert.Equal("259200000", configs[0].Entries["retention.ms"].Value);
        var line = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("metrics.standard: retention.ms = 21600000, set to 259200000", line.Message);
    }
}
