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

    /// <summary>
    /// The headers of every record: none. Given none, the client makes an empty set for each record; this producer's
    /// serializers (UTF-8 strings, raw bytes) never add one, so a single empty set serves them all.
    /// </summary>
    private static readonly Headers NoHeaders = [];

    /// <summary>
    /// The message <see cref="PublishAllAsync"/> hands over, one per thread: Produce copies key and value into the client
    /// before it returns and keeps no reference to the message, so it carries every record in turn.
    /// </summary>
    [ThreadStatic]
    private static Message<string?, byte[]>? _handedOver;

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

    /// <summary>
    /// Publishes <paramref name="values"/> to <paramref name="topic"/>, all under <paramref name="key"/>; the task completes
    /// when Kafka acknowledged every one and fails (<see cref="ProduceException{TKey,TValue}"/>) with the first that could
    /// not be delivered within the delivery timeout. One completion for the lot instead of a task per record: the
    /// metrics sink publishes an invocation's samples together and waits for all of them anyway. When the client buffer
    /// is full it waits for room; cancelling stops that wait, not records already handed over.
    /// The task's continuations run on the client's delivery-report thread unless they say otherwise: they must be short
    /// and must not wait for this publisher (<see cref="Flush"/> would wait for the very thread it runs on).
    /// </summary>
    public Task PublishAllAsync(string topic, string? key, byte[][] values, CancellationToken ct)
    {
        if (values.Length == 0)
            return Task.CompletedTask;
        var acknowledgement = new Acknowledgement(values.Length);
        var message = _handedOver ??= new Message<string?, byte[]> { Headers = NoHeaders, Value = [] };
        message.Key = key;
        for (var i = 0; i < values.Length; i++)
        {
            message.Value = values[i];
            if (!TryProduce(topic, message, acknowledgement))
            {
                // The wait for room resumes on another thread: it takes a message of its own.
                var waiting = new Message<string?, byte[]> { Key = key, Value = values[i], Headers = NoHeaders };
                return ProduceWhenRoomAsync(topic, waiting, values, i, acknowledgement, ct);
            }
        }
        message.Value = []; // keeps no record alive
        return acknowledgement.Task;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every buffered record to be acknowledged; returns how many are still in flight.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Closes the producer without waiting; call <see cref="Flush"/> first to deliver what is buffered.</summary>
    public void Dispose() => _producer.Dispose();

    private bool TryProduce(string topic, Message<string?, byte[]> message, Acknowledgement acknowledgement)
    {
        try
        {
            _producer.Produce(topic, message, acknowledgement.Delivered);
            return true;
        }
        catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            return false;
        }
    }

    private async Task ProduceWhenRoomAsync(
        string topic, Message<string?, byte[]> message, byte[][] values, int next, Acknowledgement acknowledgement, CancellationToken ct)
    {
        while (next < values.Length)
        {
            message.Value = values[next];
            if (TryProduce(topic, message, acknowledgement))
                next++;
            else
                await Task.Delay(FullQueueBackoff, ct).ConfigureAwait(false);
        }
        await acknowledgement.Task.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code} (fatal: {Fatal}): {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason, bool fatal);

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private partial void LogNative(LogLevel level, string facility, string text);
}
