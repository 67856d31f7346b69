namespace StreamMetrics.Kafka.Messaging;

/// <summary>Settings of a <see cref="RecordPublisher"/>; the cluster and how to reach it come from its <c>KafkaClients</c>.</summary>
public sealed class RecordPublisherOptions
{
    /// <summary>How long records wait to be batched. Range 0 to 1 s; default 5 ms.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a record may take to be acknowledged, retries included, before its task fails. Range 1 s to 10 min; default 30 s.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Records buffered in the client before <see cref="RecordPublisher.PublishAsync"/> waits for room. Range 1,000 to 10,000,000; default 1,000,000.</summary>
    public int MaxBufferedRecords { get; init; } = 1_000_000;

    /// <summary>Client id shown in broker logs. Default <c>streammetrics</c>.</summary>
    public string ClientId { get; init; } = "streammetrics";

    public void Validate()
    {
        if (Linger < TimeSpan.Zero || Linger > TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(Linger), Linger, $"linger = {Linger}, must be between 0 and 1s");
        if (DeliveryTimeout < TimeSpan.FromSeconds(1) || DeliveryTimeout > TimeSpan.FromMinutes(10))
            throw new ArgumentOutOfRangeException(nameof(DeliveryTimeout), DeliveryTimeout, $"delivery-timeout = {DeliveryTimeout}, must be between 1s and 10m");
        if (MaxBufferedRecords is < 1_000 or > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(MaxBufferedRecords), MaxBufferedRecords, $"max-buffered-records = {MaxBufferedRecords}, must be between 1000 and 10000000");
    }
}
