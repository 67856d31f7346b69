using StreamMetrics.Kafka.Serialization;
using Testcontainers.Kafka;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>The same end-to-end path as <see cref="CleanRunTests"/>, on a real Kafka broker in a container.</summary>
[Trait("Category", "Docker")]
public sealed class RealKafkaTests
{
    private const string Config = """
        {
          "profiles": { "exact": { "retention": "1h", "metrics": { "latency_ms": "every", "queue_wait_ms": "every 4" } } },
          "selection": { "types": { "orders": { "pin": "exact" }, "clicks": { "pin": "exact" } } },
          "functions": { "orders": { "function": "noop" }, "clicks": { "function": "noop" } }
        }
        """;

    [SkippableFact]
    public async Task Events_flow_to_sampled_metrics_on_a_real_broker()
    {
        var missing = DockerEngine.MissingReason();
        Skip.If(missing is not null, missing);

        await using var kafka = new KafkaBuilder("confluentinc/cp-kafka:7.6.1").Build();
        await kafka.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(null, kafka.GetBootstrapAddress(), Config);
        await harness.ProduceAsync(PipelineHarness.Events("orders", 200).Concat(PipelineHarness.Events("clicks", 60)));
        await harness.WaitForProcessedAsync(260, TimeSpan.FromMinutes(2));

        var samples = TopicReader.ReadAll(harness.BootstrapServers, "metrics.exact", 260 + 200 / 4 + 60 / 4, TimeSpan.FromSeconds(60))
            .Select(bytes => AvroCodecs.MetricSample.Decode(bytes))
            .ToList();
        Assert.Equal(260, samples.Count(s => s.Metric == "latency_ms"));
        Assert.Equal(200 / 4 + 60 / 4, samples.Count(s => s.Metric == "queue_wait_ms"));
    }
}
