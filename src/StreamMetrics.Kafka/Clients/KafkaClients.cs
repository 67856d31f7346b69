using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Clients;

/// <summary>
/// The one place the program's Kafka clients get their configuration. Every config starts from the user's pass-through
/// properties (<see cref="KafkaClientSettings.Properties"/>: security, SASL, TLS, tuning) and then gets the properties
/// the program owns, so those always win; <see cref="KafkaProperties.Owned"/> refuses them up front, so none is
/// overridden silently. The adapters of this assembly build their clients from these configs; code in other
/// assemblies asks for a client here and never builds one.
/// </summary>
public sealed class KafkaClients
{
    /// <summary>Validates <paramref name="settings"/>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public KafkaClients(KafkaClientSettings settings)
    {
        settings.Validate();
        Settings = settings;
    }

    public KafkaClientSettings Settings { get; }

    public string BootstrapServers => Settings.BootstrapServers;

    /// <summary>Clients of a cluster that needs no properties: the embedded cluster, or a plaintext one.</summary>
    public static KafkaClients For(string bootstrapServers) => new(new KafkaClientSettings { BootstrapServers = bootstrapServers });

    /// <summary>
    /// A consumer that assigns itself partitions and commits nothing (<c>watch</c>, tests): never a group member, so it
    /// cannot disturb the service. librdkafka's log lines go to <paramref name="log"/>, or nowhere without one.
    /// </summary>
    /// <param name="name">Its client id, and the group id the client requires but never joins.</param>
    /// <param name="log">Where librdkafka's log lines go.</param>
    /// <param name="endOfPartitionEvents">Whether reaching a partition's end is reported, for a reader that waits to have caught up.</param>
    public IConsumer<TKey, TValue> CreateReader<TKey, TValue>(string name, ILogger? log = null, bool endOfPartitionEvents = false) =>
        new ConsumerBuilder<TKey, TValue>(ReaderConfig(name, endOfPartitionEvents)).SetLogHandler(NativeLog.To(log)).Build();

    /// <summary>An idempotent producer (acks=all) that batches for <paramref name="linger"/>.</summary>
    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(string clientId, TimeSpan linger, ILogger? log = null) =>
        new ProducerBuilder<TKey, TValue>(ProducerConfig(clientId, linger)).SetLogHandler(NativeLog.To(log)).Build();

    /// <summary>An admin client, for metadata and topic creation.</summary>
    public IAdminClient CreateAdminClient(string clientId, ILogger? log = null) =>
        new AdminClientBuilder(AdminConfig(clientId)).SetLogHandler(NativeLog.To(log)).Build();

    /// <summary>A consumer-group member that commits only the offsets the program stores (<see cref="EventConsumer"/>).</summary>
    internal ConsumerConfig GroupMemberConfig(EventConsumerOptions options)
    {
        var config = Configured(new ConsumerConfig(), $"streammetrics-{options.GroupId}");
        config.GroupId = options.GroupId;
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.AutoOffsetReset = options.StartFromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest;
        // Defaults the user's properties may override: how fast the group notices a crash or a rebalance is a trade the
        // cluster and its network decide (a real cluster far away may want longer).
        config.SessionTimeoutMs ??= (int)options.SessionTimeout.TotalMilliseconds;
        config.HeartbeatIntervalMs ??= (int)options.HeartbeatInterval.TotalMilliseconds;
        config.EnablePartitionEof = false;
        // The embedded cluster answers a fetch only when this wait ends, even when records arrive sooner; 50 ms keeps
        // its end-to-end latency low, at 20 empty fetches a second per broker when idle.
        config.FetchWaitMaxMs = 50;
        ResumeFetchingSoon(config);
        // The service reads no headers: leaving them out of every consumed record saves a call into librdkafka per record.
        config.ConsumeResultFields = "topic,timestamp";
        return config;
    }

    /// <summary>
    /// A consumer that assigns itself partitions and commits nothing. With <paramref name="endOfPartitionEvents"/> it
    /// reports reaching a partition's end, for a reader that must read partitions whole (<see cref="CompactedTopicReader"/>).
    /// </summary>
    internal ConsumerConfig ReaderConfig(string name, bool endOfPartitionEvents)
    {
        var config = Configured(new ConsumerConfig(), name);
        config.GroupId = name; // required by the client, never joined: the reader assigns partitions itself
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.EnablePartitionEof = endOfPartitionEvents;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.FetchWaitMaxMs = 50;
        ResumeFetchingSoon(config);
        return config;
    }

    /// <summary>
    /// A default the user's properties may override: how long a partition waits to be fetched again once the client's
    /// local queue is full. Every assigned partition feeds one queue, and librdkafka compares that queue's length with
    /// the per-partition <c>queued.min.messages</c> (100,000): a consumer reading a backlog reaches it within a few
    /// fetches, and every partition then waited librdkafka's default second before fetching again, while the queued
    /// records lasted well under a second, so the consumer sat idle for the rest of it (bench --events 300000, kafka-raw:
    /// 117,000 to 122,000 events/s with 1,000 ms, 189,000 to 280,000 with 10 ms). The cost: while the queue stays full,
    /// librdkafka's broker threads look at its length every 10 ms per partition, without a request to the broker.
    /// </summary>
    private static void ResumeFetchingSoon(ConsumerConfig config) => config.FetchQueueBackoffMs ??= 10;

    /// <summary>An idempotent producer (acks=all: no duplicates or reordering on retries).</summary>
    internal ProducerConfig ProducerConfig(string clientId, TimeSpan linger)
    {
        var config = Configured(new ProducerConfig(), clientId);
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        config.LingerMs = linger.TotalMilliseconds;
        return config;
    }

    /// <summary>The producer of a <see cref="RecordPublisher"/>: delivery timeout and client buffer from its options.</summary>
    internal ProducerConfig PublisherConfig(RecordPublisherOptions options)
    {
        var config = ProducerConfig(options.ClientId, options.Linger);
        config.MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds;
        config.QueueBufferingMaxMessages = options.MaxBufferedRecords;
        // The publisher reads only whether a record was delivered: its delivery reports skip reading the record's
        // timestamp and headers back from librdkafka, a saving on each of the several records an event may publish.
        config.DeliveryReportFields = "status";
        // Metric records of one type and profile differ in a few bytes, so a batch compresses many times over: less to
        // send and to keep. zstd packs such batches about twice as tight as lz4, and the few megabytes a second the
        // pipeline publishes cost it little CPU. A user's own compression.type (-X) wins: it is no guarantee we own.
        // Linger stays at the publisher's 5 ms: batches close on linger long before librdkafka's batch.size (1 MB) or
        // batch.num.messages (10,000), and a longer wait would add to every event's latency while the sink's in-flight
        // bound (PipelineGraph), not the number of requests, limits the rate.
        // acks=all with idempotence (ProducerConfig) stays: an acknowledgement releases the input offset, so it must mean
        // every in-sync replica has the record; acks=1 would let a leader's failure lose metrics whose input was committed.
        // The per-record cost that remains is the client's own (a Produce call and a delivery report for each record),
        // which the publisher keeps to one acknowledgement per event, completed on the delivery-report thread.
        if (!Settings.Properties.ContainsKey("compression.type") && !Settings.Properties.ContainsKey("compression.codec"))
        {
            config.CompressionType = CompressionType.Zstd;
            // zstd's level 1 rather than its default 3: librdkafka sets up a compression context for every batch, and
            // records keyed by many types make many small batches. bench --types 1000 --events 300000: at level 3,
            // creating contexts was 13 % of all CPU samples, and the pipeline ran 75,168 events/s at 25.3 us per event;
            // level 1 95,081 at 19.8 us. With 10 types 127,490 / 142,186 against 143,199 / 148,868 events/s, alternated; a debug run of
            // 1M events still fits the embedded cluster.
            config.CompressionLevel ??= 1;
        }
        return config;
    }

    internal AdminClientConfig AdminConfig(string clientId) => Configured(new AdminClientConfig(), clientId);

    /// <summary>The pass-through properties first, then the cluster and the client's id, which the program owns.</summary>
    private T Configured<T>(T config, string clientId)
        where T : ClientConfig
    {
        foreach (var (key, value) in Settings.Properties)
            config.Set(key, value);
        config.BootstrapServers = Settings.BootstrapServers;
        config.ClientId = clientId;
        return config;
    }
}
