using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// Acknowledges every record at once and only counts it: the metrics sink without Kafka. The graph's sink publishes from
/// its stage, one event at a time, so the count has one writer and needs no atomic increment.
/// </summary>
internal sealed class MemoryRecordPublisher : IRecordPublisher
{
    private long _records;

    public long Records => Volatile.Read(ref _records);

    public Task PublishAsync(string topic, string? key, byte[] value, CancellationToken ct)
    {
        Volatile.Write(ref _records, _records + 1);
        return Task.CompletedTask;
    }

    public Task PublishAllAsync(string topic, string? key, byte[][] values, CancellationToken ct)
    {
        Volatile.Write(ref _records, _records + values.Length);
        return Task.CompletedTask;
    }
}
