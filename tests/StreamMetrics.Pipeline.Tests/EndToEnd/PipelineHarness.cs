using Microsoft.Extensions.Logging.Abstractions;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>An embedded cluster, a service on it with its own topic and group names, and a producer for the test's input.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly EmbeddedKafkaCluster? _cluster;

    private PipelineHarness(EmbeddedKafkaCluster? cluster, string bootstrapServers, ServiceOptions options, StreamMetricsService service, RecordPublisher producer)
    {
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        Options = options;
        Service = service;
        Producer = producer;
    }

    public string BootstrapServers { get; }

    /// <summary>The embedded cluster the harness started, for fault injection; null on a cluster given from outside.</summary>
    public EmbeddedKafkaCluster? Cluster => _cluster;
    public ServiceOptions Options { get; }
    public StreamMetricsService Service { get; }
    public RecordPublisher Producer { get; }

    public static Task<PipelineHarness> StartAsync(
        string configJson, TimeProvider? time = null, TimeSpan? bucket = null, Func<string, IScalingPolicy>? typePolicies = null)
    {
        var cluster = EmbeddedKafkaCluster.Start();
        return StartAsync(cluster, cluster.BootstrapServers, configJson, time, bucket, typePolicies);
    }

    public static async Task<PipelineHarness> StartAsync(
        EmbeddedKafkaCluster? cluster, string bootstrapServers, string configJson, TimeProvider? time = null, TimeSpan? bucket = null,
        Func<string, IScalingPolicy>? typePolicies = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var options = new ServiceOptions
        {
            BootstrapServers = bootstrapServers,
            InputTopic = $"events-{unique}",
            Group = $"group-{unique}",
            Config = StreamMetricsConfig.Parse(configJson, "test configuration"),
            Forecasting = new LoadForecasterOptions { BucketLength = bucket ?? TimeSpan.FromMinutes(1) },
            TypePolicies = typePolicies,
        };
        var service = await StreamMetricsService.StartAsync(
            options, TopicAdmins.For(KafkaClients.For(bootstrapServers), cluster), TestActorSystem.Shared, NullLoggerFactory.Instance, time ?? TimeProvider.System, CancellationToken.None);
        var producer = new RecordPublisher(KafkaClients.For(bootstrapServers), NullLogger<RecordPublisher>.Instance);
        return new PipelineHarness(cluster, bootstrapServers, options, service, producer);
    }

    public Task ProduceAsync(IEnumerable<StreamEvent> events) =>
        Task.WhenAll(events.Select(e => Producer.PublishAsync(Options.InputTopic, e.Type, AvroCodecs.Event.Encode(e), CancellationToken.None)));

    public Task ProduceRawAsync(string key, byte[] value) => Producer.PublishAsync(Options.InputTopic, key, value, CancellationToken.None);

    public static IEnumerable<StreamEvent> Events(string type, int count) =>
        Enumerable.Range(0, count).Select(i => new StreamEvent(type, $"{type}-{i}", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(i), null));

    public Task WaitForProcessedAsync(long count, TimeSpan? timeout = null) =>
        Eventually.True(
            () => Service.Components.Counters.EventsProcessed >= count,
            () => $"{Service.Components.Counters.EventsProcessed} of {count} events processed ({Service.Components.Counters.EventsReceived} received, {Service.Components.Counters.DeadLettered} dead-lettered)",
            timeout ?? TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Producer.Dispose();
        _cluster?.Dispose();
    }
}
