using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Bench;

/// <summary>
/// Finds partitions that lost their oldest records. The benchmark writes every topic from offset 0 and deletes nothing,
/// so a partition whose first kept offset is above 0 had records dropped by the cluster (the embedded cluster drops the
/// oldest ones beyond about 5 MiB per partition).
/// </summary>
public static class TruncatedPartitions
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Each partition of <paramref name="topics"/> (<c>partitions</c> each) whose low watermark is above 0, with it.</summary>
    public static IReadOnlyList<TopicPartitionOffset> Find(KafkaClients clients, IEnumerable<string> topics, int partitions)
    {
        using var reader = clients.CreateReader<Ignore, Ignore>("streammetrics-bench-truncation");
        var truncated = new List<TopicPartitionOffset>();
        foreach (var topic in topics)
        {
            for (var p = 0; p < partitions; p++)
            {
                var partition = new TopicPartition(topic, new Partition(p));
                var low = reader.QueryWatermarkOffsets(partition, QueryTimeout).Low;
                if (low.Value > 0)
                    truncated.Add(new TopicPartitionOffset(partition, low));
            }
        }
        return truncated;
    }
}
