using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Kafka.Topics;

/// <summary>
/// Creates topics on an <see cref="EmbeddedKafkaCluster"/> through its own API (it has no CreateTopics request).
/// <see cref="TopicSpec.Retention"/> and <see cref="TopicSpec.Compacted"/> are not enforced there: the embedded cluster
/// keeps about 5 MiB per partition, whatever the settings, and never compacts.
/// </summary>
public sealed class EmbeddedTopicAdmin(EmbeddedKafkaCluster cluster) : ITopicAdmin
{
    /// <summary>Replicas per partition: 3, or the broker count when smaller.</summary>
    public int ReplicationFactor { get; } = Math.Min(3, cluster.Brokers);

    public Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken ct)
    {
        foreach (var topic in topics)
        {
            ct.ThrowIfCancellationRequested();
            cluster.CreateTopic(topic.Name, topic.Partitions, ReplicationFactor);
        }
        return Task.CompletedTask;
    }
}
