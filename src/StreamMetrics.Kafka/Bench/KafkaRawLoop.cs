using System.Diagnostics;
using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Bench;

/// <summary>
/// The I/O limit the pipeline is measured against: a plain Confluent.Kafka loop that consumes the input topic, produces
/// one small record per event and stores each input offset once its record is acknowledged, with the same client
/// settings as the service's consumer and publisher.
/// </summary>
public static class KafkaRawLoop
{
    /// <summary>The size of one output record: about what one sampled metric record weighs.</summary>
    public const int OutputBytes = 48;

    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(2);

    /// <summary>Runs until <paramref name="expected"/> records are through; fails when nothing arrives for <paramref name="stallTimeout"/>.</summary>
    /// <param name="progress">Called about every 100,000 records with how many were read.</param>
    public static RawLoopResult Run(
        KafkaClients clients, string inputTopic, int inputPartitions, string outputTopic, long expected, TimeSpan stallTimeout, Action<long> progress)
    {
        var options = new EventConsumerOptions { GroupId = "streammetrics-bench-raw", Topics = [inputTopic] };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(clients.GroupMemberConfig(options)).Build();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(clients.PublisherConfig(new RecordPublisherOptions { ClientId = "streammetrics-bench-raw" })).Build();
        var gaps = new OffsetGapTracker();
        for (var p = 0; p < inputPartitions; p++)
            gaps.Expect(new TopicPartition(inputTopic, new Partition(p)), 0);
        var output = new Message<byte[]?, byte[]> { Value = new byte[OutputBytes] };
        long acknowledged = 0, failed = 0, read = 0, lost = 0;
        var clock = new Stopwatch();
        consumer.Subscribe(inputTopic);
        var lastRead = Stopwatch.StartNew();
        while (read + lost < expected)
        {
            var result = consumer.Consume(PollTimeout);
            if (result?.Message is null)
            {
                if (lastRead.Elapsed > stallTimeout)
                    throw new TimeoutException($"kafka-raw: nothing read for {stallTimeout.TotalSeconds:0}s after {read} of {expected} records");
                continue;
            }
            clock.Start();
            lastRead.Restart();
            lost += gaps.Observe(result.TopicPartition, result.Offset.Value);
            var next = new TopicPartitionOffset(result.TopicPartition, result.Offset + 1);
            while (!TryProduce(producer, outputTopic, output, report =>
                   {
                       if (report.Error.IsError)
                       {
                           Interlocked.Increment(ref failed);
                           return;
                       }
                       consumer.StoreOffset(next);
                       Interlocked.Increment(ref acknowledged);
                   }))
            {
                producer.Poll(QueueFullWait);
            }
            if (++read % 100_000 == 0)
                progress(read);
        }
        producer.Flush(Timeout.InfiniteTimeSpan);
        clock.Stop();
        if (Interlocked.Read(ref failed) > 0)
            throw new InvalidOperationException($"kafka-raw: {failed} output records were not acknowledged");
        consumer.Commit();
        consumer.Close();
        return new RawLoopResult(Interlocked.Read(ref acknowledged), lost, clock.Elapsed);
    }

    private static bool TryProduce(
        IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> delivered)
    {
        try
        {
            producer.Produce(topic, message, delivered);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            return false;
        }
    }
}
