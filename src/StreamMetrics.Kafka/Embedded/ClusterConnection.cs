using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Kafka.Embedded;

/// <summary>
/// The cluster a command talks to: the one named by <c>--bootstrap-servers</c>, or, without it, an embedded
/// Kafka-protocol cluster that lives as long as this object.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly EmbeddedKafkaCluster? _embedded;

    private ClusterConnection(string bootstrapServers, EmbeddedKafkaCluster? embedded)
    {
        BootstrapServers = bootstrapServers;
        _embedded = embedded;
        Topics = TopicAdmins.For(bootstrapServers, embedded);
    }

    public string BootstrapServers { get; }

    public ITopicAdmin Topics { get; }

    public bool IsEmbedded => _embedded is not null;

    public static ClusterConnection Open(string? bootstrapServers, int embeddedBrokers = 3)
    {
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
            return new ClusterConnection(bootstrapServers, null);
        var cluster = EmbeddedKafkaCluster.Start(embeddedBrokers);
        return new ClusterConnection(cluster.BootstrapServers, cluster);
    }

    public void Dispose() => _embedded?.Dispose();
}
