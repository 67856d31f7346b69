using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Clients;

public sealed class KafkaClientsTests
{
    private const string Servers = "broker-1.example:9093,broker-2.example:9093";

    /// <summary>What a secured cluster needs; all of it must reach every client unchanged.</summary>
    private static readonly Dictionary<string, string> Secured = new()
    {
        ["security.protocol"] = "SASL_SSL",
        ["sasl.mechanism"] = "SCRAM-SHA-512",
        ["sasl.username"] = "streammetrics",
        ["sasl.password"] = "hunter2",
        ["ssl.ca.location"] = "/etc/kafka/ca.pem",
    };

    private static KafkaClients ClientsWith(IReadOnlyDictionary<string, string> properties) =>
        new(new KafkaClientSettings { BootstrapServers = Servers, Properties = properties });

    /// <summary>Every config the program builds: each consumer, producer and admin role.</summary>
    private static IEnumerable<(string Role, ClientConfig Config)> EveryConfig(KafkaClients clients) =>
    [
        ("group member", clients.GroupMemberConfig(new EventConsumerOptions { GroupId = "g" })),
        ("reader", clients.ReaderConfig("watch", endOfPartitionEvents: false)),
        ("compacted reader", clients.ReaderConfig("state", endOfPartitionEvents: true)),
        ("producer", clients.ProducerConfig("state", TimeSpan.FromMilliseconds(5))),
        ("publisher", clients.PublisherConfig(new RecordPublisherOptions())),
        ("admin", clients.AdminConfig("admin")),
    ];

    [Fact]
    public void Pass_through_properties_reach_every_consumer_producer_and_admin_config()
    {
        var configs = EveryConfig(ClientsWith(Secured)).ToList();

        Assert.Contains(configs, c => c.Config is ConsumerConfig);
        Assert.Contains(configs, c => c.Config is ProducerConfig);
        Assert.Contains(configs, c => c.Config is AdminClientConfig);
        foreach (var (role, config) in configs)
        {
            foreach (var (key, value) in Secured)
                Assert.True(config.Get(key) == value, $"{role}: {key} = '{config.Get(key)}', expected '{value}'");
            Assert.Equal(Servers, config.BootstrapServers);
        }
    }

    [Fact]
    public void Without_pass_through_properties_a_config_holds_only_what_the_program_sets()
    {
        foreach (var (role, config) in EveryConfig(ClientsWith(new Dictionary<string, string>())))
            Assert.DoesNotContain(config, p => p.Key == "security.protocol" || p.Key.StartsWith("sasl.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_property_the_program_sets_is_one_it_refuses_from_users()
    {
        foreach (var (role, config) in EveryConfig(ClientsWith(new Dictionary<string, string>())))
        {
            // Defaults (the group's timing, the publisher's compression) are values a user's replace (next tests), not overrides.
            var unowned = config.Select(p => p.Key).Where(key => !KafkaProperties.Owned.ContainsKey(key) && !KafkaProperties.Defaults.Contains(key)).ToList();
            Assert.True(unowned.Count == 0, $"{role} sets {string.Join(", ", unowned)}, which a user could also set and be overridden silently");
        }
    }

    [Fact]
    public void The_group_timing_is_a_default_a_user_property_overrides()
    {
        var defaults = ClientsWith(new Dictionary<string, string>()).GroupMemberConfig(new EventConsumerOptions());
        var chosen = ClientsWith(new Dictionary<string, string> { ["session.timeout.ms"] = "30000", ["heartbeat.interval.ms"] = "3000" })
            .GroupMemberConfig(new EventConsumerOptions());

        Assert.Equal((10_000, 1_000), (defaults.SessionTimeoutMs, defaults.HeartbeatIntervalMs));
        Assert.Equal((30_000, 3_000), (chosen.SessionTimeoutMs, chosen.HeartbeatIntervalMs));
    }

    [Fact]
    public void Consumers_fetch_again_soon_after_a_full_queue_unless_the_user_chose_the_wait()
    {
        var defaults = ClientsWith(new Dictionary<string, string>());
        var chosen = ClientsWith(new Dictionary<string, string> { ["fetch.queue.backoff.ms"] = "500" });

        Assert.Equal(10, defaults.GroupMemberConfig(new EventConsumerOptions()).FetchQueueBackoffMs);
        Assert.Equal(10, defaults.ReaderConfig("reader", endOfPartitionEvents: false).FetchQueueBackoffMs);
        Assert.Equal(500, chosen.GroupMemberConfig(new EventConsumerOptions()).FetchQueueBackoffMs);
        Assert.Equal(500, chosen.ReaderConfig("reader", endOfPartitionEvents: false).FetchQueueBackoffMs);
    }

    [Fact]
    public void The_publisher_compresses_with_zstd_at_level_1_unless_the_user_chose_a_compression()
    {
        var options = new RecordPublisherOptions();

        Assert.Equal(CompressionType.Zstd, ClientsWith(new Dictionary<string, string>()).PublisherConfig(options).CompressionType);
        Assert.Equal(1, ClientsWith(new Dictionary<string, string>()).PublisherConfig(options).CompressionLevel);
        Assert.Equal(6, ClientsWith(new Dictionary<string, string> { ["compression.level"] = "6" }).PublisherConfig(options).CompressionLevel);
        Assert.Null(ClientsWith(new Dictionary<string, string> { ["compression.type"] = "gzip" }).PublisherConfig(options).CompressionLevel);
        Assert.Equal(CompressionType.Gzip, ClientsWith(new Dictionary<string, string> { ["compression.type"] = "gzip" }).PublisherConfig(options).CompressionType);
        Assert.Equal("none", ClientsWith(new Dictionary<string, string> { ["compression.codec"] = "none" }).PublisherConfig(options).Get("compression.codec"));
        Assert.Null(ClientsWith(new Dictionary<string, string> { ["compression.codec"] = "none" }).PublisherConfig(options).CompressionType);
    }

    [Fact]
    public void The_program_keeps_its_guarantees_in_every_role()
    {
        var clients = ClientsWith(Secured);
        var member = clients.GroupMemberConfig(new EventConsumerOptions { GroupId = "orders" });
        Assert.Equal(("orders", false, false), (member.GroupId, member.EnableAutoCommit, member.EnableAutoOffsetStore));
        var reader = clients.ReaderConfig("streammetrics-g-state-reader", endOfPartitionEvents: true);
        Assert.Equal((false, false, true), (reader.EnableAutoCommit, reader.EnableAutoOffsetStore, reader.EnablePartitionEof));
        var publisher = clients.PublisherConfig(new RecordPublisherOptions { Linger = TimeSpan.FromMilliseconds(50) });
        Assert.Equal((true, Acks.All, 50.0), (publisher.EnableIdempotence, publisher.Acks, publisher.LingerMs));
    }

    [Theory]
    [InlineData("bootstrap.servers", "other:9092", "give the cluster with -b/--bootstrap-servers")]
    [InlineData("metadata.broker.list", "other:9092", "give the cluster with -b/--bootstrap-servers")]
    [InlineData("group.id", "mine", "run --group")]
    [InlineData("enable.auto.commit", "true", "at-least-once")]
    [InlineData("enable.auto.offset.store", "true", "at-least-once")]
    [InlineData("acks", "1", "acknowledged by every in-sync replica")]
    [InlineData("queue.buffering.max.ms", "100", "batches as long as its use needs")]
    [InlineData("partitioner", "murmur2_random", "forecaster-state hand-over")]
    public void A_property_the_program_owns_is_refused_by_name_with_the_reason(string key, string value, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ClientsWith(new Dictionary<string, string> { [key] = value }));

        Assert.StartsWith($"kafka property {key}={value}: {key} is set by StreamMetrics (", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Contains("leave it out", error.Message);
    }

    [Fact]
    public void A_setting_of_the_dotnet_client_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ClientsWith(new Dictionary<string, string> { ["dotnet.producer.enable.delivery.reports"] = "false" }));

        Assert.Contains("dotnet.producer.enable.delivery.reports is a setting of the .NET client", error.Message);
    }

    [Theory]
    [InlineData("sasl.mechansim", "PLAIN", "No such configuration property")]
    [InlineData("socket.timeout.ms", "soon", "Invalid value")]
    public void A_property_librdkafka_refuses_fails_before_any_client_starts_with_librdkafka_s_reason(string key, string value, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ClientsWith(new Dictionary<string, string> { [key] = value }));

        Assert.StartsWith($"kafka property {key}={value}: librdkafka refuses it (", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_pass_through_property_reaches_librdkafka_itself()
    {
        var log = new ListLogger<KafkaClientsTests>();
        var clients = new KafkaClients(new KafkaClientSettings
        {
            BootstrapServers = "127.0.0.1:1", // nothing listens: the client is only built
            Properties = new Dictionary<string, string> { ["debug"] = "generic" },
        });

        using (clients.CreateAdminClient("debug-probe", log))
        {
            // librdkafka writes debug lines only when the debug property reached it.
            await Eventually.True(() => log.Lines.Any(l => l.Level == LogLevel.Debug && l.Message.Contains("librdkafka", StringComparison.Ordinal)),
                () => $"no librdkafka debug line among {log.Lines.Count} lines", TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Empty_bootstrap_servers_are_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => KafkaClients.For(" "));

        Assert.Contains("bootstrap-servers is empty: give HOST:PORT[,HOST:PORT...]", error.Message);
    }
}
