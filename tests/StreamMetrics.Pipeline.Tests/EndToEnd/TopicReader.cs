using Confluent.Kafka;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>Reads a topic from the beginning of every partition, outside any consumer group, as an operator's tool would.</summary>
internal static class TopicReader
{
    public static List<byte[]> ReadAll(string bootstrapServers, string topic, int expected, TimeSpan timeout) =>
        ReadRecords(bootstrapServers, topic, expected, timeout).Select(r => r.Value).ToList();

    /// <summary>Every record of <paramref name="topic"/> with its key and position: at least <paramref name="expected"/>, unless <paramref name="timeout"/> runs out first.</summary>
    public static List<(TopicPartitionOffset Position, string? Key, byte[] Value)> ReadRecords(string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(PartitionsOf(bootstrapServers, topic).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<(TopicPartitionOffset, string?, byte[])>();
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (Poll(consumer, TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
                records.Add((result.TopicPartitionOffset, result.Message.Key, result.Message.Value));
        }
        // Read a little longer: more records than expected is a failure the caller must see.
        var extra = DateTime.UtcNow + TimeSpan.FromMilliseconds(500);
        while (DateTime.UtcNow < extra)
        {
            if (Poll(consumer, TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                records.Add((result.TopicPartitionOffset, result.Message.Key, result.Message.Value));
        }
        consumer.Close();
        return records;
    }

    /// <summary>
    /// One poll. A fetch that failed (a fault a test injected into the cluster, such as a request timing out) comes back
    /// as an error; librdkafka fetches again from the same offset by itself, so the reader reads it as no record yet.
    /// </summary>
    private static ConsumeResult<string?, byte[]>? Poll(IConsumer<string?, byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            return null;
        }
    }

    public static IReadOnlyList<TopicPartition> PartitionsOf(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return metadata.Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
    }

    /// <summary>Per partition: the group's committed offset and the partition's end offset.</summary>
    public static List<(TopicPartition Partition, long Committed, long End)> CommittedVsEnd(string bootstrapServers, string topic, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var partitions = PartitionsOf(bootstrapServers, topic);
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return committed
            .Select(c => (c.TopicPartition, c.Offset.Value, consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value))
            .ToList();
    }
}
