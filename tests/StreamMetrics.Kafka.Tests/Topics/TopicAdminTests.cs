using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Kafka.Tests.Topics;

public sealed class TopicAdminTests
{
    [Fact]
    public async Task Embedded_admin_creates_every_standard_topic_and_tolerates_existing_ones()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var topics = StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)TimeSpan.FromDays(1))));
        var admin = TopicAdmins.For(KafkaClients.For(cluster.BootstrapServers), cluster);
        await admin.EnsureTopicsAsync(topics, CancellationToken.None);
        await admin.EnsureTopicsAsync(topics, CancellationToken.None);

        using var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = client.GetMetadata(TimeSpan.FromSeconds(30));
        foreach (var topic in topics)
            Assert.Equal(topic.Partitions, metadata.Topics.Single(t => t.Topic == topic.Name).Partitions.Count);
        Assert.Contains(topics, t => t.Name == "metrics.debug");
        Assert.Contains(topics, t => t.Name == "forecaster-state" && t.Compacted);
    }

    [Fact]
    public void The_forecaster_state_topic_is_co_partitioned_with_the_events_topic()
    {
        // A type's state is handed over with its events' partition only when both topics have the same partition count.
        var topics = StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null)));

        var events = topics.Single(t => t.Name == StandardTopics.Events);
        var state = topics.Single(t => t.Name == StandardTopics.ForecasterState);
        Assert.Equal(events.Partitions, state.Partitions);
    }

    [Fact]
    public void Kafka_admin_turns_retention_and_compaction_into_topic_configs()
    {
        var retained = KafkaTopicAdmin.ToSpecification(new TopicSpec("metrics.debug", 16, TimeSpan.FromHours(6)));
        Assert.Equal("21600000", retained.Configs["retention.ms"]);
        Assert.False(retained.Configs.ContainsKey("cleanup.policy"));
        Assert.Equal(16, retained.NumPartitions);

        var compacted = KafkaTopicAdmin.ToSpecification(new TopicSpec("forecaster-state", 8, Compacted: true));
        Assert.Equal("compact", compacted.Configs["cleanup.policy"]);
        Assert.False(compacted.Configs.ContainsKey("retention.ms"));
    }

    [Fact]
    public void Without_an_embedded_cluster_the_AdminClient_is_used()
    {
        Assert.IsType<KafkaTopicAdmin>(TopicAdmins.For(KafkaClients.For("localhost:9092"), embedded: null));
    }
}
