using StreamMetrics.Core.Functions;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// Load run through the pipeline before the trace starts, under an event type of its own: on a clock 60 times faster,
/// the first seconds of a cold process (just-in-time compilation, first connections) would stretch the trace's first
/// executions by whole trace-seconds and set off cold starts the simulator never sees. The warm-up type is not a
/// function of the trace, so it never appears in the report's figures.
/// </summary>
internal static class WarmUp
{
    public const string EventType = "replay-warm-up";

    /// <summary>Invocations spread evenly over <paramref name="span"/> of clock time from its second 0, each running 50 ms.</summary>
    public static IEnumerable<TraceInvocation> Invocations(int count, TimeSpan span) =>
        Enumerable.Range(0, count).Select(i => new TraceInvocation(span.TotalSeconds * i / count, EventType, 0.05));

    /// <summary>The counters the report measures from: what the warm-up left in them.</summary>
    public static Baseline Snapshot(PipelineCounters counters, WorkerPool pool, long profileSwitches) => new(
        counters.EventsProcessed, counters.DeadLettered, counters.MetricRecordsByTopic.Values.Sum(), counters.MetricBytes,
        profileSwitches, counters.DispatchedLate, pool.CopyWaits());

    internal sealed record Baseline(
        long Processed, long DeadLettered, long MetricRecords, long MetricBytes, long ProfileSwitches, long DispatchedLate,
        WaitHistogram Waits);
}
