using System.Runtime.CompilerServices;
using StreamMetrics.Core.Functions;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Runs the event's function on a warm or new instance launched with the event's metric config. The invocation's kept
/// samples go to the carrier's own list, which is all the later stages use of it.
/// </summary>
internal sealed class WorkerPoolStage(WorkerPool pool, StageLatencies latencies, CancellationToken stopping)
{
    /// <summary>The most invocations the pool may ever run at once; the stream starts at least that many.</summary>
    public int MaxParallelism => pool.Options.MaxParallelism;

    public Task<PipelineEvent> RunAsync(PipelineEvent configured)
    {
        var running = pool.InvokeValueAsync(configured.Event, configured.Config!, configured.Samples, configured.Arrived, stopping);
        if (!running.IsCompletedSuccessfully)
            return FinishWhenRunAsync(configured, running);
        RecordLatency(running.Result);
        return configured.Completed;
    }

    /// <summary>Never inlined: its state machine would take room in <see cref="RunAsync"/>'s frame, zeroed for every event.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<PipelineEvent> FinishWhenRunAsync(PipelineEvent configured, ValueTask<Invocation> running)
    {
        RecordLatency(await running.ConfigureAwait(false));
        return configured;
    }

    /// <summary>The pool measured the invocation itself; its latency is recorded while someone listens.</summary>
    private void RecordLatency(in Invocation invocation) => StageLatencies.Record(latencies.Pool, invocation.Latency);
}
