using StreamMetrics.Core.Functions;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Runs the event's function on a warm or new instance launched with the event's metric config.</summary>
internal sealed class WorkerPoolStage(WorkerPool pool, StageLatencies latencies, CancellationToken stopping)
{
    /// <summary>The most invocations the pool may ever run at once; the stream starts at least that many.</summary>
    public int MaxParallelism => pool.Options.MaxParallelism;

    public async Task<ProcessedEvent> RunAsync(ConfiguredEvent configured)
    {
        var invocation = await pool.InvokeAsync(configured.Event, configured.Config, stopping).ConfigureAwait(false);
        StageLatencies.Record(latencies.Pool, invocation.Latency);
        return new ProcessedEvent(configured.Message, configured.Event, invocation);
    }
}
