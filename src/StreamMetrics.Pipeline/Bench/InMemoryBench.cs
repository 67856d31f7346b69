using System.Diagnostics;
using Akka.Actor;
using Akka.Streams;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// The pipeline without Kafka, for the benchmark: the real graph and stages (decode, forecast, configure, worker pool,
/// metrics recorder) between an in-memory source and sink, and the same graph's shape with identity stages.
/// </summary>
public static class InMemoryBench
{
    private const string ActorSystemConfig = "akka.stdout-loglevel = OFF\nakka.loglevel = OFF";

    /// <summary>Runs <paramref name="events"/> records (record <c>i</c> is <c>records[i % records.Length]</c>) through the full graph.</summary>
    public static async Task<InMemoryResult> RunPipelineAsync(
        ServiceOptions options, byte[][] records, long events, Action<long> progress, CancellationToken ct)
    {
        using var system = ActorSystem.Create("bench-pipeline", ActorSystemConfig);
        using var stopping = new CancellationTokenSource();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var components = ServiceComponents.Create(options, TimeProvider.System);
        var offsets = new CountingOffsetStore();
        var stages = PipelineStages.Create(components, new MemoryRecordPublisher(), offsets, TimeProvider.System, dispatchAtEventTime: false, stopping.Token);
        var channel = BenchSource.CreateChannel();
        var (_, completion) = PipelineGraph.Run(channel.Reader, stages, system.Materializer());
        await BenchSource.FeedAsync(channel.Writer, records, events, progress, ct).ConfigureAwait(false);
        await completion.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        var processed = components.Counters.EventsProcessed;
        if (processed != events)
            throw new InvalidOperationException($"pipeline-memory: {processed} of {events} events processed ({components.Counters.DeadLettered} dead letters)");
        GC.KeepAlive(components);
        await system.Terminate().ConfigureAwait(false);
        return new InMemoryResult(processed, elapsed, allocated, retained, components.Forecaster.PeakTypeCount);
    }

    /// <summary>Runs <paramref name="events"/> records through <see cref="PipelineGraph"/>'s shape with identity stages.</summary>
    public static async Task<InMemoryResult> RunIdentityAsync(byte[][] records, long events, int workerParallelism, Action<long> progress, CancellationToken ct)
    {
        using var system = ActorSystem.Create("bench-identity", ActorSystemConfig);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var channel = BenchSource.CreateChannel();
        var completion = IdentityGraph.Run(channel.Reader, workerParallelism, system.Materializer());
        await BenchSource.FeedAsync(channel.Writer, records, events, progress, ct).ConfigureAwait(false);
        await completion.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await system.Terminate().ConfigureAwait(false);
        return new InMemoryResult(events, elapsed, allocated, 0);
    }
}
