using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Bench;

/// <summary>
/// Writes the benchmark's events to its input topic, keyed by type as producers do, but spread over the partitions in
/// turn: keyed by type alone, 10 types would fill only 10 partitions, past what the embedded cluster keeps.
/// </summary>
public static class BenchInputWriter
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Writes <paramref name="events"/> records and waits for every acknowledgement; returns how many failed.</summary>
    /// <param name="progress">Called now and then with the number of records handed to the client.</param>
    public static long Write(KafkaClients clients, string topic, int partitions, long events, int types, Action<long> progress)
    {
        var records = BenchEvents.Encode(types, DateTimeOffset.UtcNow);
        var keys = new string[types];
        for (var i = 0; i < types; i++)
            keys[i] = BenchEvents.TypeName(i);
        long failed = 0;
        Action<DeliveryReport<string, byte[]>> delivered = report =>
        {
            if (report.Error.IsError)
                Interlocked.Increment(ref failed);
        };
        // A plain producer, as the services that send events have, rather than the metrics publisher: the publisher
        // compresses by default, and the service would then pay to decompress every input batch, which is the event
        // producers' choice (-X compression.type sets it here too), not a cost of the pipeline.
        using var producer = clients.CreateProducer<string, byte[]>("streammetrics-bench-input", TimeSpan.FromMilliseconds(20));
        var targets = new TopicPartition[partitions];
        for (var p = 0; p < partitions; p++)
            targets[p] = new TopicPartition(topic, new Partition(p));
        for (long i = 0; i < events; i++)
        {
            var type = (int)(i % types);
            var message = new Message<string, byte[]> { Key = keys[type], Value = records[type] };
            while (!TryProduce(producer, targets[i % partitions], message, delivered))
                producer.Poll(QueueFullWait);
            if (i % 100_000 == 0)
                progress(i);
        }
        producer.Flush(Timeout.InfiniteTimeSpan);
        return Interlocked.Read(ref failed);
    }

    private static bool TryProduce(
        IProducer<string, byte[]> producer, TopicPartition target, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>> delivered)
    {
        try
        {
            producer.Produce(target, message, delivered);
            return true;
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            return false;
        }
    }
}
