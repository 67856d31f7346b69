using StreamMetrics.Core.Functions;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Runs the event's function on a warm or new instance launched with the event's metric config.</summary>
internal sealed class WorkerPoolStage(WorkerPool pool, StageLatencies latencies, CancellationToken stopping)
{
    /// <summary>The most invocations the pool may ever run at once; the stream starts at least that many.</summary>
    public int MaxParallelism => pool.Options.MaxParallelism;

    public Task<PipelineEvent> RunAsync(PipelineEvent configured)
    {
        var running = pool.InvokeValueAsync(configured.Event, configured.Config!, configured.Samples, configured.Arrived, stopping);
        if (!running.IsCompletedSuccessfully)
            return FinishWhenRunAsync(configured, running);
        Finish(configured, running.Result);
        return configured.Completed;
    }

    private async Task<PipelineEvent> FinishWhenRunAsync(PipelineEvent configured, ValueTask<Invocation> running)
    {
        Finish(configured, await running.ConfigureAwait(false));
        return configured;
    }

    private void Finish(PipelineEvent configured, Invocation invocation)
    {
        StageLatencies.Record(latencies.Pool, invocation.Latency);
        configured.Invocation = invocation;
    }
}
