using Confluent.Kafka;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>A topic read as it grows, from its beginning, for a test that waits on what a service has published.</summary>
internal sealed class TopicTail : IDisposable
{
    private readonly IConsumer<Ignore, byte[]> _consumer;

    public TopicTail(string bootstrapServers, string topic)
    {
        _consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"tail-{Guid.NewGuid():N}" }).Build();
        _consumer.Assign(TopicContents.Partitions(bootstrapServers, topic).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
    }

    /// <summary>The values that arrived since the last call (since the beginning, on the first), without waiting for more.</summary>
    public IReadOnlyList<byte[]> ReadNew()
    {
        var values = new List<byte[]>();
        while (_consumer.Consume(TimeSpan.Zero) is { Message: not null } result)
            values.Add(result.Message.Value);
        return values;
    }

    public void Dispose() => _consumer.Dispose();
}
