using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class CleanRunTests
{
    // Every type is pinned to one user profile with one rule of each counting kind, so the expected record
    // count of every metric follows from the event counts alone. The echo function records each event's payload_bytes,
    // and every event's payload has its own length, so that sample names the event it came from.
    private const string ExactProfileConfig = """
        {
          "profiles": { "exact": { "retention": "1h", "metrics": { "latency_ms": "every", "payload_bytes": "every", "queue_wait_ms": "every 3", "cold_start": "every 7" } } },
          "selection": { "types": { "orders": { "pin": "exact" }, "clicks": { "pin": "exact" }, "audits": { "pin": "exact" } } },
          "functions": { "orders": { "function": "echo" }, "clicks": { "function": "echo" }, "audits": { "function": "echo" } },
          "pool": { "coldStart": "20ms" }
        }
        """;

    /// <summary>{"i":"x..x"} with <paramref name="index"/> x's: 8 + index bytes, so event i of a type is the one with 8 + i payload bytes.</summary>
    private static string Payload(int index) => $$"""{"i":"{{new string('x', index)}}"}""";

    private static readonly Dictionary<string, int> EventsPerType = new() { ["orders"] = 300, ["clicks"] = 1000, ["audits"] = 47 };

    [Fact]
    public async Task Three_types_at_different_rates_are_processed_exactly_once_with_exact_sampled_metrics_and_full_commits()
    {
        var total = EventsPerType.Values.Sum();
        List<MetricSample> samples;
        await using (var harness = await PipelineHarness.StartAsync(ExactProfileConfig))
        {
            await harness.ProduceAsync(EventsPerType.SelectMany(t => PipelineHarness.Events(t.Key, t.Value).Select((e, i) => e with { Payload = Payload(i) })));
            await harness.WaitForProcessedAsync(total);
            await harness.Service.StopAsync();

            Assert.Equal(total, harness.Service.Components.Counters.EventsProcessed);
            Assert.Equal(EventsPerType.ToDictionary(t => t.Key, t => (long)t.Value), harness.Service.Components.Counters.ProcessedByType);
            Assert.Equal(0, harness.Service.Components.Counters.DeadLettered);
            Assert.Equal(0, harness.Service.LostMessages);

            var expectedRecords = EventsPerType.Values.Sum(n => 2 * n + n / 3 + n / 7);
            samples = TopicReader.ReadAll(harness.BootstrapServers, "metrics.exact", expectedRecords, TimeSpan.FromSeconds(30))
                .Select(bytes => AvroCodecs.MetricSample.Decode(bytes))
                .ToList();

            foreach (var (partition, committed, end) in TopicReader.CommittedVsEnd(harness.BootstrapServers, harness.Options.InputTopic, harness.Options.Group))
                Assert.True(Math.Max(committed, 0) == end, $"{partition}: committed {committed}, end {end}");
        }

        foreach (var (type, n) in EventsPerType)
        {
            // Each event once, counted by event: per type, a duplicate and a loss would cancel out.
            var seen = samples.Where(s => s.EventType == type && s.Metric == "payload_bytes").Select(s => (int)s.Value - 8).ToList();
            var duplicated = seen.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
            var missing = Enumerable.Range(0, n).Except(seen).ToList();
            Assert.True(duplicated.Count == 0 && missing.Count == 0 && seen.Count == n,
                $"{type}: {seen.Count} of {n} events, duplicated [{string.Join(", ", duplicated)}], missing [{string.Join(", ", missing)}]");
            Assert.Equal(n, Count(samples, type, "latency_ms"));
            Assert.Equal(n / 3, Count(samples, type, "queue_wait_ms"));
            Assert.Equal(n / 7, Count(samples, type, "cold_start"));
        }
        Assert.DoesNotContain(samples, s => s.Metric is not ("latency_ms" or "payload_bytes" or "queue_wait_ms" or "cold_start"));
        Assert.All(samples, s => Assert.Equal("exact", s.Profile));
    }

    private static int Count(IEnumerable<MetricSample> samples, string type, string metric) =>
        samples.Count(s => s.EventType == type && s.Metric == metric);
}
