using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
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
    public async Task On_a_cluster_that_cannot_describe_configs_existing_topics_are_left_as_they_are_and_the_start_goes_on()
    {
        // An embedded cluster reached through -b, as `streammetrics broker` offers one: it has the topics but no
        // DescribeConfigs, and says so at once rather than after the timeout.
        using var cluster = EmbeddedKafkaCluster.Start();
        TopicSpec[] topics = [new("metrics.debug", 2, TimeSpan.FromHours(6)), new("metrics.minimal", 2, TimeSpan.FromDays(1))];
        foreach (var topic in topics)
            cluster.CreateTopic(topic.Name, topic.Partitions);
        var logger = new ListLogger<KafkaTopicAdmin>();
        var admin = new KafkaTopicAdmin(KafkaClients.For(cluster.BootstrapServers), logger) { Timeout = TimeSpan.FromSeconds(10) };

        var clock = Stopwatch.StartNew();
        await admin.EnsureTopicsAsync(topics, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"the check took {clock.Elapsed}: it waited for the timeout instead of being refused");
        var line = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("cannot describe topic configs", line.Message);
    }

    [Fact]
    public void Without_an_embedded_cluster_the_AdminClient_is_used()
    {
        Assert.IsType<KafkaTopicAdmin>(TopicAdmins.For(KafkaClients.For("localhost:9092"), embedded: null));
    }
}
