using System.Text;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class DeadLetterTests
{
    private const string Config = """{ "functions": { "ok": { "function": "noop" } } }""";

    [Fact]
    public async Task Bad_records_go_to_the_dead_letter_topic_with_reason_and_original_bytes_and_the_stream_goes_on()
    {
        byte[] garbage = [0x00, 0xFF, 0x13, 0x37];
        byte[] unknownSchema = [0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x61];
        var wrongSchema = AvroCodecs.MetricSample.Encode(new MetricSample("ok", "debug", "latency_ms", 1.5, DateTimeOffset.UnixEpoch, "i-1"));
        var jsonWithoutType = Encoding.UTF8.GetBytes("""{"key":"k","payload":{"a":1}}""");
        var bad = new[] { garbage, unknownSchema, wrongSchema, jsonWithoutType };

        await using var harness = await PipelineHarness.StartAsync(Config);
        await harness.ProduceAsync(PipelineHarness.Events("ok", 5));
        foreach (var value in bad)
            await harness.ProduceRawAsync("bad", value);
        await harness.ProduceAsync(PipelineHarness.Events("ok", 5));

        await harness.WaitForProcessedAsync(10);
        await Eventually.True(() => harness.Service.Components.Counters.DeadLettered == bad.Length,
            () => $"{harness.Service.Components.Counters.DeadLettered} of {bad.Length} dead-lettered", TimeSpan.FromSeconds(30));

        var letters = TopicReader.ReadAll(harness.BootstrapServers, StandardTopics.DeadLetter, bad.Length, TimeSpan.FromSeconds(30))
            .Select(bytes => AvroCodecs.DeadLetter.Decode(bytes))
            .ToList();
        Assert.Equal(bad.Length, letters.Count);
        foreach (var value in bad)
        {
            var letter = Assert.Single(letters, l => l.Original.AsSpan().SequenceEqual(value));
            Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
            Assert.Equal(harness.Options.InputTopic, letter.SourceTopic);
        }
        Assert.Contains(letters, l => l.Reason.Contains("fingerprint", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(letters, l => l.Reason.Contains("type", StringComparison.OrdinalIgnoreCase));
    }
}
