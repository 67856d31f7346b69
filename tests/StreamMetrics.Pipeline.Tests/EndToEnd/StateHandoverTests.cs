using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class StateHandoverTests
{
    private const string Config = """
        {
          "functions": { "orders": { "function": "noop" }, "clicks": { "function": "noop" }, "audits": { "function": "noop" } },
          "pool": { "coldStart": "0ms" }
        }
        """;

    private static readonly Dictionary<string, int> Bases = new() { ["orders"] = 6, ["clicks"] = 2, ["audits"] = 1 };
    private static readonly int[] Horizons = [1, 3, 6, 12];

    [Fact]
    public async Task A_new_instance_in_the_group_continues_with_the_forecasts_the_stopped_one_would_have_made()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        var options = Options(cluster.BootstrapServers);
        using var producer = new RecordPublisher(KafkaClients.For(cluster.BootstrapServers));
        var expected = new Dictionary<(string, int), Forecast>();

        await using (var first = await StartAsync(options, cluster, time))
        {
            long produced = 0;
            for (var bucket = 0; bucket < 40; bucket++)
            {
                // A pattern with a period of 4 buckets; the last bucket stays open with its arrivals.
                produced += await ProduceAsync(producer, options, bucket, first);
                if (bucket < 39)
                    time.Advance(TimeSpan.FromSeconds(1));
            }
            foreach (var type in Bases.Keys)
            {
                foreach (var horizon in Horizons)
                    expected[(type, horizon)] = Predict(first.Components.Forecaster, type, horizon);
            }

            await first.StopAsync();
            Assert.Equal(produced, first.Components.Counters.EventsProcessed);
        }

        await using var second = await StartAsync(options, cluster, time);
        await Eventually.True(
            () => Bases.Keys.All(second.Components.Forecaster.Types.Contains),
            () => $"restored types: [{string.Join(", ", second.Components.Forecaster.Types)}]",
            TimeSpan.FromSeconds(60));

        foreach (var ((type, horizon), forecast) in expected)
            Assert.Equal(forecast, Predict(second.Components.Forecaster, type, horizon));
        Assert.Equal(0, second.Components.Counters.EventsReceived); // continued from the state, not from a replay of the events
        // Learned, not trivial: the forecasts differ by type and horizon.
        Assert.True(expected.Values.Select(f => f.Point).Distinct().Count() > Bases.Count, string.Join(", ", expected.Values));
    }

    [Fact]
    public async Task Run_with_offline_states_starts_each_type_from_its_trained_model()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var directory = Directory.CreateTempSubdirectory("forecaster-state-");
        try
        {
            var model = ForecastModels.Create(ForecastModels.Auto, Models);
            for (var t = 0; t < 60; t++)
                model.Observe(10 * (1 + t % 4));
            await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "orders" + ForecasterStateFiles.Extension), ForecasterState.Encode(null, 0, model));
            var options = Options(cluster.BootstrapServers, directory.FullName);

            await using var service = await StartAsync(options, cluster, new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)));

            foreach (var horizon in Horizons)
                Assert.Equal(model.Predict(horizon), Predict(service.Components.Forecaster, "orders", horizon));
            Assert.False(service.Components.Forecaster.TryPredict("clicks", 1, out _));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static readonly ForecastModelOptions Models = new() { SeasonLength = 12 };

    private static ServiceOptions Options(string bootstrapServers, string? stateDirectory = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return new ServiceOptions
        {
            BootstrapServers = bootstrapServers,
            InputTopic = $"events-{unique}",
            Group = $"group-{unique}",
            ForecasterStateTopic = $"forecaster-state-{unique}",
            Config = StreamMetricsConfig.Parse(Config, "test configuration"),
            Forecasting = new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(1) },
            Models = Models,
            ForecasterStateDirectory = stateDirectory,
        };
    }

    private static Task<StreamMetricsService> StartAsync(ServiceOptions options, EmbeddedKafkaCluster cluster, TimeProvider time) =>
        StreamMetricsService.StartAsync(options, TopicAdmins.For(KafkaClients.For(options.BootstrapServers), cluster), TestActorSystem.Shared, NullLoggerFactory.Instance, time, CancellationToken.None);

    private static async Task<long> ProduceAsync(RecordPublisher producer, ServiceOptions options, int bucket, StreamMetricsService service)
    {
        var events = Bases.SelectMany(b => PipelineHarness.Events(b.Key, b.Value * (1 + bucket % 4))).ToList();
        var before = service.Components.Counters.EventsProcessed;
        await Task.WhenAll(events.Select(e => producer.PublishAsync(options.InputTopic, e.Type, AvroCodecs.Event.Encode(e), CancellationToken.None)));
        await Eventually.True(
            () => service.Components.Counters.EventsProcessed >= before + events.Count,
            () => $"bucket {bucket}: {service.Components.Counters.EventsProcessed - before} of {events.Count} processed",
            TimeSpan.FromSeconds(60));
        return events.Count;
    }

    private static Forecast Predict(LoadForecaster forecaster, string type, int horizon)
    {
        Assert.True(forecaster.TryPredict(type, horizon, out var forecast), $"'{type}' unknown");
        return forecast;
    }
}
