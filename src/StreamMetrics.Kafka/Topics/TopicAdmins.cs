using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Kafka.Topics;

/// <summary>Picks the topic administration that works for the cluster at hand.</summary>
public static class TopicAdmins
{
    /// <summary>The embedded cluster's own API when <paramref name="embedded"/> is given, else an AdminClient from <paramref name="clients"/>.</summary>
    public static ITopicAdmin For(KafkaClients clients, EmbeddedKafkaCluster? embedded) =>
        embedded is not null ? new EmbeddedTopicAdmin(embedded) : new KafkaTopicAdmin(clients);
}
