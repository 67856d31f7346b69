using System.Text;
using Confluent.Kafka;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Tests.EndToEnd;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// Every kind of bad record on the input topic goes to <c>deadletter</c> with a reason naming what was wrong, its
/// original bytes and its source position, and the good events around it are processed once each.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BadInputTests
{
    private const string Config = """{ "functions": { "ok": { "function": "noop" } } }""";
    private const int GoodEvents = 200;

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Each bad record with a word its dead letter's reason must contain.</summary>
    private static List<(string Name, byte[] Value, string ReasonNames)> BadRecords()
    {
        var random = new Random(13);
        var randomBytes = new byte[300];
        random.NextBytes(randomBytes);
        randomBytes[0] = 0x7F; // neither the Avro marker nor '{', whatever the seed draws
        var avro = AvroCodecs.Event.Encode(new StreamEvent("ok", "k", DateTimeOffset.UtcNow, """{"a":1}"""));
        var unknownFingerprint = AvroCodecs.Event.Encode(new StreamEvent("ok", "k", DateTimeOffset.UtcNow, null));
        unknownFingerprint[2] ^= 0xFF;
        // The embedded cluster keeps about 5 MiB per partition, so a 10 MB record would vanish from it before anyone read
        // it; 4 MiB takes the same path (over max-event-bytes, original cut in the dead letter). DeadLetterLimitsTests
        // puts 10 MB through the decoder and the dead letter's codec.
        var huge = new byte[4 * 1024 * 1024];
        Array.Fill(huge, (byte)'x');
        return
        [
            ("random bytes", randomBytes, "neither an Avro"),
            ("truncated Avro body", avro[..(avro.Length - 4)], "Event body does not decode"),
            ("unknown schema fingerprint", unknownFingerprint, "unknown schema fingerprint"),
            ("JSON without type", Json("""{"key":"k","payload":{"a":1}}"""), "type is missing"),
            ("JSON with empty type", Json("""{"type":"","key":"k"}"""), "type is empty"),
            ("type of 10,000 characters", Json($$"""{"type":"{{new string('t', 10_000)}}"}"""), "10000 characters long"),
            ("4 MiB value", huge, "more than max-event-bytes"),
            ("timestamp far in the future", Json("""{"type":"ok","ts":"2999-01-01T00:00:00Z"}"""), "in the future"),
            ("timestamp before 1970", Json("""{"type":"ok","ts":"1969-07-20T20:17:00Z"}"""), "is before"),
        ];
    }

    [Fact]
    public async Task Each_kind_of_bad_record_is_dead_lettered_with_its_reason_bytes_and_position_and_the_stream_goes_on()
    {
        var bad = BadRecords();
        await using var harness = await PipelineHarness.StartAsync(Config);
        using var producer = BigRecordProducer(harness.BootstrapServers);

        var positions = new Dictionary<string, TopicPartitionOffset>();
        await harness.ProduceAsync(PipelineHarness.Events("ok", GoodEvents / 2));
        foreach (var (name, value, _) in bad)
            positions[name] = (await producer.ProduceAsync(harness.Options.InputTopic, new Message<string, byte[]> { Key = "bad", Value = value })).TopicPartitionOffset;
        await harness.ProduceAsync(PipelineHarness.Events("ok", GoodEvents / 2));

        await harness.WaitForProcessedAsync(GoodEvents);
        var counters = harness.Service.Components.Counters;
        await Eventually.True(() => counters.DeadLettered == bad.Count, () => $"{counters.DeadLettered} of {bad.Count} dead-lettered", TimeSpan.FromSeconds(30));
        await harness.Service.StopAsync();

        var letters = TopicReader.ReadAll(harness.BootstrapServers, StandardTopics.DeadLetter, bad.Count, TimeSpan.FromSeconds(30))
            .Select(bytes => AvroCodecs.DeadLetter.Decode(bytes))
            .ToList();
        var report = $"in {GoodEvents + bad.Count}, processed {counters.EventsProcessed}, dead-lettered {counters.DeadLettered}, lost {harness.Service.LostMessages}";
        Assert.True(counters.EventsReceived == GoodEvents + bad.Count, report);
        Assert.True(counters.EventsProcessed == GoodEvents, report);
        Assert.True(harness.Service.LostMessages == 0, report);
        Assert.Equal(bad.Count, letters.Count);
        foreach (var (name, value, reasonNames) in bad)
        {
            var position = positions[name];
            var letter = Assert.Single(letters, l => l.Partition == position.Partition.Value && l.Offset == position.Offset.Value);
            Assert.True(letter.Reason.Contains(reasonNames, StringComparison.Ordinal), $"{name}: reason '{letter.Reason}' does not say '{reasonNames}'");
            Assert.Equal(harness.Options.InputTopic, letter.SourceTopic);
            var kept = Math.Min(value.Length, DeadLetter.MaxOriginalBytes);
            Assert.True(value.AsSpan(0, kept).SequenceEqual(letter.Original), $"{name}: original bytes differ");
        }
        foreach (var (partition, committed, end) in TopicReader.CommittedVsEnd(harness.BootstrapServers, harness.Options.InputTopic, harness.Options.Group))
            Assert.True(committed == end || (committed < 0 && end == 0), $"{partition}: committed {committed}, end {end}");
    }

    /// <summary>A test producer that may write the 10 MB record, which a default producer refuses (message.max.bytes 1 MB).</summary>
    private static IProducer<string, byte[]> BigRecordProducer(string bootstrapServers) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, MessageMaxBytes = 16 * 1024 * 1024 }).Build();
}
