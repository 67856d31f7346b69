using Confluent.Kafka;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>Reads the offsets a consumer group committed on one topic, as often as a test polls them, over one client.</summary>
internal sealed class GroupOffsets : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly List<TopicPartition> _partitions;

    public GroupOffsets(string bootstrapServers, string group, string topic)
    {
        _partitions = [.. TopicContents.Partitions(bootstrapServers, topic)];
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
    }

    /// <summary>The next offset to read per partition, as committed; partitions without a commit are left out.</summary>
    public IReadOnlyDictionary<int, long> Committed() =>
        _consumer.Committed(_partitions, RequestTimeout).Where(c => c.Offset.Value >= 0).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);

    /// <summary>The committed offsets summed over the partitions: the records the group will never read again.</summary>
    public long CommittedRecords() => Committed().Values.Sum();

    public void Dispose() => _consumer.Dispose();
}
