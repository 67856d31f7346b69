using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Kafka.Embedded;

/// <summary>
/// The cluster a command talks to: the one named by <c>--bootstrap-servers</c>, or, without it, an embedded
/// Kafka-protocol cluster that lives as long as this object.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly EmbeddedKafkaCluster? _embedded;

    private ClusterConnection(KafkaClients clients, EmbeddedKafkaCluster? embedded, ILogger? logger, TimeSpan? adminTimeout)
    {
        Clients = clients;
        _embedded = embedded;
        Topics = TopicAdmins.For(clients, embedded, logger, adminTimeout);
    }

    public string BootstrapServers => Clients.BootstrapServers;

    /// <summary>Every client of this cluster is made from these, with the user's pass-through properties.</summary>
    public KafkaClients Clients { get; }

    public ITopicAdmin Topics { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>
    /// The cluster at <paramref name="bootstrapServers"/>, or a new embedded one without them. Its clients get
    /// <paramref name="properties"/> either way (librdkafka properties; see <see cref="KafkaClientSettings.Properties"/>).
    /// Topic administration on a real cluster logs what it changes to <paramref name="logger"/> and waits up to
    /// <paramref name="adminTimeout"/> (default <see cref="KafkaTopicAdmin.DefaultTimeout"/>) for the cluster to carry it out.
    /// </summary>
    public static ClusterConnection Open(
        string? bootstrapServers, IReadOnlyDictionary<string, string>? properties = null, int embeddedBrokers = 3, ILogger? logger = null,
        TimeSpan? adminTimeout = null)
    {
        properties ??= new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
            return new ClusterConnection(ClientsOf(bootstrapServers, properties), null, logger, adminTimeout);
        var cluster = EmbeddedKafkaCluster.Start(embeddedBrokers);
        try
        {
            return new ClusterConnection(ClientsOf(cluster.BootstrapServers, properties), cluster, logger, adminTimeout);
        }
        catch
        {
            cluster.Dispose(); // bad properties: the cluster would otherwise outlive the failed start
            throw;
        }
    }

    public void Dispose() => _embedded?.Dispose();

    private static KafkaClients ClientsOf(string bootstrapServers, IReadOnlyDictionary<string, string> properties) =>
        new(new KafkaClientSettings { BootstrapServers = bootstrapServers, Properties = properties });
}
