using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Topics;

/// <summary>
/// Creates topics on a real Kafka cluster with the AdminClient: <c>retention.ms</c> from <see cref="TopicSpec.Retention"/>,
/// <c>cleanup.policy=compact</c> for compacted topics, the broker's default replication factor.
/// An existing topic keeps its settings and is not an error; when every topic exists, nothing is asked of the cluster.
/// </summary>
public sealed class KafkaTopicAdmin(KafkaClients clients) : ITopicAdmin
{
    /// <summary>How long to wait for the cluster to create the topics. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken ct)
    {
        if (topics.Count == 0)
            return;
        using var admin = clients.CreateAdminClient("streammetrics-topics");
        // Only missing topics are created, so a cluster without the CreateTopics API (an embedded cluster started by
        // `streammetrics broker`, which creates the standard topics itself) works as long as the topics exist.
        var existing = admin.GetMetadata(Timeout).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError)
            .Select(t => t.Topic)
            .ToHashSet(StringComparer.Ordinal);
        var missing = topics.Where(t => !existing.Contains(t.Name)).ToList();
        if (missing.Count == 0)
            return;
        try
        {
            await admin.CreateTopicsAsync(missing.Select(ToSpecification), new CreateTopicsOptions { OperationTimeout = Timeout, RequestTimeout = Timeout })
                .WaitAsync(ct);
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            if (failed.Count > 0)
            {
                throw new TopicCreationException(
                    "could not create topics: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}")), e);
            }
        }
        catch (KafkaException e)
        {
            throw new TopicCreationException(
                $"the cluster at {clients.BootstrapServers} did not create the missing topics {string.Join(", ", missing.Select(t => t.Name))} " +
                $"({e.Error.Reason}; a `streammetrics broker` cluster cannot create topics); create them on the cluster first, " +
                "or use topics it has", e);
        }
    }

    internal static TopicSpecification ToSpecification(TopicSpec topic)
    {
        var configs = new Dictionary<string, string>();
        if (topic.Retention is { } retention)
            configs["retention.ms"] = ((long)retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        if (topic.Compacted)
            configs["cleanup.policy"] = "compact";
        return new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = -1, // the broker's default.replication.factor
            Configs = configs,
        };
    }
}
