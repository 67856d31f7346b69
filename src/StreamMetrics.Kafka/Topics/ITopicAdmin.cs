namespace StreamMetrics.Kafka.Topics;

/// <summary>Creates the topics the service needs; a topic that already exists is left as it is and is not an error.</summary>
public interface ITopicAdmin
{
    Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken ct);
}
