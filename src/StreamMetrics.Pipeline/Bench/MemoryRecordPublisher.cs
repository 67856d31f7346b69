using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>Acknowledges every record at once and only counts it: the metrics sink without Kafka.</summary>
internal sealed class MemoryRecordPublisher : IRecordPublisher
{
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public Task PublishAsync(string topic, string? key, byte[] value, CancellationToken ct)
    {
        Interlocked.Increment(ref _records);
        return Task.CompletedTask;
    }

    public Task PublishAllAsync(string topic, string? key, byte[][] values, CancellationToken ct)
    {
        Interlocked.Add(ref _records, values.Length);
        return Task.CompletedTask;
    }
}
