using Confluent.Kafka;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>Every record of a topic as it stands now: each partition read from its beginning to its high watermark.</summary>
internal static class TopicContents
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<ConsumeResult<string?, byte[]>> ReadAll(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var ends = Partitions(bootstrapServers, topic).ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, RequestTimeout).High.Value);
        var unread = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        consumer.Assign(unread.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (unread.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{topic}: {unread.Count} partitions not read to their end within {timeout.TotalSeconds:0} s");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null)
                continue;
            records.Add(result);
            if (result.Offset.Value + 1 >= ends[result.TopicPartition])
                unread.Remove(result.TopicPartition);
        }
        return records;
    }

    /// <summary>The partitions of <paramref name="topic"/>, as the cluster's metadata lists them.</summary>
    public static IReadOnlyList<TopicPartition> Partitions(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return admin.GetMetadata(topic, RequestTimeout).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
    }
}
