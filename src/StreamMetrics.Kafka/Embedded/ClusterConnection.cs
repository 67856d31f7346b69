using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Kafka.Embedded;

/// <summary>
/// The cluster a command talks to: the one named by <c>--bootstrap-servers</c>, or, without it, an embedded
/// Kafka-protocol cluster that lives as long as this object.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly EmbeddedKafkaCluster? _embedded;

    private ClusterConnection(string bootstrapServers, EmbeddedKafkaCluster? embedded, ILogger? logger)
    {
        BootstrapServers = bootstrapServers;
        _embedded = embedded;
        Topics = TopicAdmins.For(bootstrapServers, embedded, logger);
    }

    public string BootstrapServers { get; }

    public ITopicAdmin Topics { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <param name="bootstrapServers">The cluster to talk to; null or empty starts an embedded one.</param>
    /// <param name="embeddedBrokers">Brokers of the embedded cluster.</param>
    /// <param name="logger">Where topic administration on a real cluster logs what it changes.</param>
    public static ClusterConnection Open(string? bootstrapServers, int embeddedBrokers = 3, ILogger? logger = null)
    {
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
            return new ClusterConnection(bootstrapServers, null, logger);
        var cluster = EmbeddedKafkaCluster.Start(embeddedBrokers);
        return new ClusterConnection(cluster.BootstrapServers, cluster, logger);
    }

    public void Dispose() => _embedded?.Dispose();
}
