using StreamMetrics.Hosting.Http;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Cli.Tests.Http;

public sealed class StageLatencyListenerTests
{
    [Fact]
    public async Task A_recorded_latency_reaches_its_stage_s_histogram_without_allocating()
    {
        using var latencies = new StageLatencies(TimeProvider.System);
        using var other = new StageLatencies(TimeProvider.System);
        var exporter = new PrometheusExporter();
        using var listener = new StageLatencyListener(latencies, exporter);
        latencies.Pool.Record(0.5); // the first measurement sets up what later ones reuse

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            latencies.Pool.Record(0.003);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        other.Pool.Record(7); // another service's meter: not this exporter's business

        Assert.Equal(0, allocated);
        Assert.True(latencies.Pool.Enabled);
        var pool = PrometheusText.Parse(await Export(exporter)).Of("streammetrics_stage_duration_seconds_count", "stage", "pool").Single();
        Assert.Equal(1001, pool.Value);
    }

    [Fact]
    public void Without_a_listener_a_stage_is_not_even_timed()
    {
        using var latencies = new StageLatencies(TimeProvider.System);

        Assert.All(latencies.Stages, stage => Assert.False(stage.Enabled));
        Assert.False(latencies.EndToEnd.Enabled);
        Assert.Equal(["decode", "forecast", "configure", "pool", "publish"], latencies.Stages.Select(StageLatencies.StageName));
    }

    private static async Task<string> Export(PrometheusExporter exporter)
    {
        using var output = new MemoryStream();
        await exporter.ExportAsync(output, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
