using Confluent.Kafka;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Publishes events of <c>type-0</c> ... <c>type-(N-1)</c> in turn to <c>events</c>, keyed by type, a batch at a time,
/// and remembers where each landed, so a test can tell which events a commit covers.
/// </summary>
internal sealed class EventFeed(string bootstrapServers, int types) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        LingerMs = 5,
    }).Build();

    private readonly Dictionary<TopicPartitionOffset, string> _sent = [];
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow;

    /// <summary>Each event published so far, by where it landed, with its type.</summary>
    public IReadOnlyDictionary<TopicPartitionOffset, string> Sent => _sent;

    public async Task PublishAsync(int count)
    {
        var first = _sent.Count;
        var delivered = await Task.WhenAll(Enumerable.Range(first, count).Select(i =>
        {
            var evt = new StreamEvent($"type-{i % types}", $"k{i}", _origin, null);
            return _producer.ProduceAsync(StandardTopics.Events, new Message<string, byte[]> { Key = evt.Type, Value = AvroCodecs.Event.Encode(evt) });
        }));
        foreach (var result in delivered)
            _sent[result.TopicPartitionOffset] = result.Message.Key;
    }

    public void Dispose() => _producer.Dispose();
}
