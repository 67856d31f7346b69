using System.Text.Json;
using StreamMetrics.Cli.Commands;

namespace StreamMetrics.Cli.Tests.Bench;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task A_small_bench_measures_all_four_paths_and_loses_nothing()
    {
        var reportFile = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");

        // -X reaches the bench's clients: lz4 is not the publisher's default, and the run still keeps every metric record.
        var exitCode = await CommandCatalog.CreateRoot().Parse(["bench", "--events", "20000", "--report", reportFile, "-X", "compression.type=lz4"]).InvokeAsync();

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile));
        var root = report.RootElement;
        foreach (var path in new[] { "kafkaRaw", "pipelineKafka", "akkaRaw", "pipelineMemory" })
            Assert.True(root.GetProperty("eventsPerSecond").GetProperty(path).GetDouble() > 0, $"{path} measured nothing");
        Assert.True(root.GetProperty("ratios").GetProperty("kafka").GetDouble() > 0);
        Assert.True(root.GetProperty("ratios").GetProperty("memory").GetDouble() > 0);
        Assert.True(root.GetProperty("allocatedBytesPerEvent").GetDouble() > 0);
        Assert.True(root.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.True(root.GetProperty("latencyMs").GetProperty("p99").GetDouble() >= root.GetProperty("latencyMs").GetProperty("p50").GetDouble());
        // An empty histogram reports 0; any measured event lands in a bin of at least 1 ms.
        Assert.True(root.GetProperty("latencyMs").GetProperty("p50").GetDouble() > 0, "the latency phase measured no event");
        foreach (var path in new[] { "kafkaRaw", "pipelineKafka", "akkaRaw", "pipelineMemory" })
            Assert.True(root.GetProperty("cpuMicrosecondsPerEvent").GetProperty(path).GetDouble() > 0, $"{path} measured no CPU time");
        // Every profile keeps at least each invocation's cold_start record.
        Assert.True(root.GetProperty("metricRecordsPerEvent").GetDouble() >= 1, "pipeline-kafka counted fewer metric records than events");
        Assert.False(root.GetProperty("metricsTruncated").GetBoolean());
        Assert.Equal(20_000, root.GetProperty("events").GetInt64());
        Assert.Equal("adaptive", root.GetProperty("profile").GetString());
        Assert.Equal(0, root.GetProperty("lostMessages").GetInt64());
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_kafka_property_the_program_owns_is_refused_before_the_bench_starts()
    {
        var error = new StringWriter();

        var exitCode = await CommandCatalog.CreateRoot().Parse(["bench", "-X", "enable.auto.commit=true"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("-X enable.auto.commit=true", error.ToString());
    }

    [Fact]
    public async Task Too_few_events_are_refused_with_the_range()
    {
        var error = new StringWriter();

        var exitCode = await CommandCatalog.CreateRoot().Parse(["bench", "--events", "10"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--events = 10", error.ToString());
    }
}
