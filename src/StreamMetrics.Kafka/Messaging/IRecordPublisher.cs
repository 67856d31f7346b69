namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Where the pipeline's stages hand records to: Kafka (<see cref="RecordPublisher"/>) in the service, memory in the
/// benchmark that measures the pipeline without I/O. A task completes once the record is safe.
/// </summary>
public interface IRecordPublisher
{
    /// <inheritdoc cref="RecordPublisher.PublishAsync"/>
    Task PublishAsync(string topic, string? key, byte[] value, CancellationToken ct);

    /// <inheritdoc cref="RecordPublisher.PublishAllAsync"/>
    Task PublishAllAsync(string topic, string? key, byte[][] values, CancellationToken ct);
}
