using System.Text.Json;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Hosting.Bench;

namespace StreamMetrics.Cli.Tests.Bench;

public sealed class BenchReportTests
{
    /// <summary>The keys scripts read; renaming any breaks them.</summary>
    public static TheoryData<string> Keys => new()
    {
        "eventsPerSecond.kafkaRaw", "eventsPerSecond.pipelineKafka", "eventsPerSecond.akkaRaw", "eventsPerSecond.pipelineMemory",
        "ratios.kafka", "ratios.memory", "allocatedBytesPerEvent", "peakWorkingSetBytes", "latencyMs.p50", "latencyMs.p99",
        "bytesPerType", "lostMessages", "types", "typesHeld", "memoryPerTypeBytes",
        "cpuMicrosecondsPerEvent.kafkaRaw", "cpuMicrosecondsPerEvent.pipelineKafka", "cpuMicrosecondsPerEvent.akkaRaw",
        "cpuMicrosecondsPerEvent.pipelineMemory", "metricRecordsPerEvent",
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_json_report_has_every_key_scripts_read(string path)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample(), BenchCommand.ReportFormat));

        Assert.Equal(JsonValueKind.Number, Find(json.RootElement, path).ValueKind);
    }

    [Fact]
    public void The_ratios_divide_each_pipeline_rate_by_its_limit()
    {
        var ratios = BenchRatios.Of(new BenchRates(KafkaRaw: 200_000, PipelineKafka: 50_000, AkkaRaw: 400_000, PipelineMemory: 300_000));

        Assert.Equal(0.25, ratios.Kafka);
        Assert.Equal(0.75, ratios.Memory);
    }

    [Fact]
    public void A_path_that_measured_nothing_gives_a_zero_ratio_not_infinity()
    {
        Assert.Equal(0, BenchRatios.Of(new BenchRates(0, 10, 0, 10)).Kafka);
    }

    [Fact]
    public void The_table_names_every_path_and_both_ratios()
    {
        var table = BenchTable.Format(Sample());

        foreach (var name in new[] { "kafka-raw", "pipeline-kafka", "akka-raw", "pipeline-memory", "pipeline-kafka / kafka-raw", "pipeline-memory / akka-raw" })
            Assert.Contains(name, table);
        Assert.Contains("0.325", table);
        Assert.Contains("16.4", table); // pipeline-kafka's CPU per event
        Assert.Contains("3.75", table); // its metric records per event
    }

    private static BenchReport Sample()
    {
        var rates = new BenchRates(200_000, 65_000, 400_000, 100_000);
        return new BenchReport(1_000_000, 10, "adaptive", rates, BenchRatios.Of(rates), 1234.5, 512L << 20,
            new BenchLatency(12, 80, 32_500, 162_500), 4096, 0, MetricsTruncated: false, TypesHeld: 10, MemoryPerTypeBytes: 4096,
            CpuMicrosecondsPerEvent: new BenchCpu(5.5, 16.4, 1.1, 3.4), MetricRecordsPerEvent: 3.75);
    }

    private static JsonElement Find(JsonElement root, string path)
    {
        foreach (var name in path.Split('.'))
            root = root.GetProperty(name);
        return root;
    }
}
