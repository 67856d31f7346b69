using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// An idempotent producer (acks=all, no duplicates or reordering on retries). <see cref="PublishAsync"/> completes when
/// Kafka acknowledged the record, so a caller can store an input offset only after its outputs are safe.
/// Thread-safe.
/// </summary>
public sealed partial class RecordPublisher : IRecordPublisher, IDisposable
{
    private static readonly TimeSpan FullQueueBackoff = TimeSpan.FromMilliseconds(2);
    private readonly IProducer<string?, byte[]> _producer;
    private readonly ILogger _logger;

    public RecordPublisher(KafkaClients clients, RecordPublisherOptions options, ILogger<RecordPublisher>? logger = null)
    {
        options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _producer = new ProducerBuilder<string?, byte[]>(clients.PublisherConfig(options))
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason, error.IsFatal))
            .SetLogHandler((_, message) => LogNative(message.Level <= SyslogLevel.Warning ? LogLevel.Warning : LogLevel.Debug, message.Facility, message.Message))
            .Build();
    }

    /// <summary>A publisher with default settings.</summary>
    public RecordPublisher(KafkaClients clients, ILogger<RecordPublisher>? logger = null)
        : this(clients, new RecordPublisherOptions(), logger)
    {
    }

    /// <summary>
    /// Publishes one record; the task completes when Kafka acknowledged it and fails (<see cref="ProduceException{TKey,TValue}"/>)
    /// when it could not be delivered within the delivery timeout. When the client buffer is full it waits for room.
    /// Cancelling stops the wait, not a record already handed over.
    /// </summary>
    public async Task PublishAsync(string topic, string? key, byte[] value, CancellationToken ct)
    {
        var message = new Message<string?, byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                await _producer.ProduceAsync(topic, message, ct).ConfigureAwait(false);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure: the buffer drains as acknowledgements arrive.
                await Task.Delay(FullQueueBackoff, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every buffered record to be acknowledged; returns how many are still in flight.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Closes the producer without waiting; call <see cref="Flush"/> first to deliver what is buffered.</summary>
    public void Dispose() => _producer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code} (fatal: {Fatal}): {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason, bool fatal);

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private partial void LogNative(LogLevel level, string facility, string text);
}
