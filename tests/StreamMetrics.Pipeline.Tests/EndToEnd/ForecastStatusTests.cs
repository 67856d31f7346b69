using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class ForecastStatusTests
{
    private const string Config = """
        {
          "selection": { "types": { "orders": { "pin": "standard" } } },
          "functions": { "orders": { "function": "noop" } },
          "pool": { "coldStart": "20ms" }
        }
        """;

    [Fact]
    public async Task Each_forecast_on_the_forecasts_topic_carries_the_types_profile_and_its_share_of_the_pool()
    {
        await using var harness = await PipelineHarness.StartAsync(Config);
        await harness.ProduceAsync(PipelineHarness.Events("orders", 50));
        await harness.WaitForProcessedAsync(50);

        var last = await ReadForecastsUntilAsync(harness, f => f is { Forecast.EventType: "orders", Status.ColdStarts: >= 1 });

        Assert.Equal("standard", last.Status.Profile);
        Assert.True(last.Status.Instances >= 1, $"{last.Status}");
        Assert.InRange(last.Status.Executing ?? -1, 0, last.Status.Instances ?? 0);
    }

    [Fact]
    public async Task Each_forecast_on_the_forecasts_topic_carries_the_types_payload_bytes_counted_and_forecast()
    {
        const string payload = """{"amount":12.5,"currency":"EUR"}""";
        await using var harness = await PipelineHarness.StartAsync(Config);
        await harness.ProduceAsync(PipelineHarness.Events("orders", 50).Select(e => e with { Payload = payload }));
        await harness.WaitForProcessedAsync(50);

        // Counted in the bucket filling now, or, once that bucket closed, forecast for the next one.
        var last = await ReadForecastsUntilAsync(harness,
            f => f is { Forecast.EventType: "orders", Forecast.Bytes: { } volume } && (volume.InBucket > 0 || volume.NextBucket.Point > 0));

        var counted = last.Forecast.Bytes!.Value.InBucket;
        Assert.Equal(0, counted % payload.Length);
        Assert.InRange(counted, 0, 50 * payload.Length);
    }

    /// <summary>Reads the forecasts topic from its beginning until a record satisfies <paramref name="done"/>, and returns it.</summary>
    private static async Task<ForecastRecord> ReadForecastsUntilAsync(PipelineHarness harness, Func<ForecastRecord, bool> done)
    {
        using var consumer = KafkaClients.For(harness.BootstrapServers).CreateReader<Ignore, byte[]>($"reader-{Guid.NewGuid():N}");
        consumer.Assign(TopicReader.PartitionsOf(harness.BootstrapServers, StandardTopics.Forecasts).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        ForecastRecord? last = null;
        await Eventually.True(
            () =>
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: { } bytes })
                    last = AvroCodecs.Forecast.Decode(bytes);
                return last is not null && done(last);
            },
            () => $"last forecast read: {last}",
            TimeSpan.FromSeconds(30));
        return last!;
    }
}
