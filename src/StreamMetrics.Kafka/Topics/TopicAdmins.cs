using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Kafka.Topics;

/// <summary>Picks the topic administration that works for the cluster at hand.</summary>
public static class TopicAdmins
{
    /// <summary>
    /// The embedded cluster's own API when <paramref name="embedded"/> is given, else an AdminClient from
    /// <paramref name="clients"/>, logging what it creates or changes to <paramref name="logger"/> and waiting up to
    /// <paramref name="timeout"/> (default <see cref="KafkaTopicAdmin.DefaultTimeout"/>) for the cluster to do it.
    /// </summary>
    public static ITopicAdmin For(KafkaClients clients, EmbeddedKafkaCluster? embedded, ILogger? logger = null, TimeSpan? timeout = null) =>
        embedded is not null
            ? new EmbeddedTopicAdmin(embedded)
            : new KafkaTopicAdmin(clients, logger) { Timeout = timeout ?? KafkaTopicAdmin.DefaultTimeout };
}
