using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Hosting;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;
using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// A live replay: the service on a clock running <c>speed</c> times faster than the wall clock, every event type scaled
/// by the chosen policy, the trace's invocations (the simulator's, same seed) published ahead of time and dispatched at
/// their recorded arrival times; at the trace's end the pool's figures are taken and set beside the simulator's run.
/// Its steps are written to <paramref name="view"/>; how far the trace has got is reported to <paramref name="progress"/>.
/// </summary>
public sealed class ReplayRun(ReplaySettings settings, TextWriter view, IProgress<ReplayProgress>? progress = null)
{
    /// <summary>Wall-clock time the service gets to start and join its group before the trace begins.</summary>
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(5);

    /// <summary>Wall-clock time events are published ahead of their arrival: covers Kafka's and the stages' latency.</summary>
    private static readonly TimeSpan WallClockLead = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the trace's events wait to be batched. The embedded cluster returns one batch per partition per fetch
    /// and finds it by walking the partition's log from its start, so small batches make every fetch slower and let the
    /// consumer fall behind a busy type's partition; well inside <see cref="WallClockLead"/>.
    /// </summary>
    private static readonly TimeSpan TraceLinger = TimeSpan.FromMilliseconds(50);

    /// <summary>Wall-clock time allowed, after the trace's end, for the last events to reach the pool and finish.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Wall-clock length and size of the warm-up load (see <see cref="WarmUp"/>).</summary>
    private static readonly TimeSpan WarmUpLength = TimeSpan.FromSeconds(3);

    private const int WarmUpEvents = 6_000;

    private static readonly TimeSpan WarmUpDrainTimeout = TimeSpan.FromSeconds(10);

    public async Task<ReplayReport> RunAsync(CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var functions = Evaluator.Load(settings.Slice);
        if (functions.Count == 0)
            throw new ArgumentException($"{settings.Slice.TracePath}: no functions to replay");
        var minutes = functions.Max(f => f.PerMinute.Length);
        var simulation = settings.Slice.Simulation;
        var invocations = functions.Sum(f => f.Invocations);
        view.WriteLine($"replaying {functions.Count} functions x {minutes} minutes ({invocations:N0} invocations) at speed {settings.Speed:0.##} with policy {settings.Policy}");

        using var kafka = ClusterConnection.Open(settings.BootstrapServers, settings.KafkaProperties);
        if (kafka.IsEmbedded)
            view.WriteLine($"embedded Kafka cluster: bootstrap.servers={kafka.BootstrapServers}");
        var lead = TimeSpan.FromTicks((long)(WallClockLead.Ticks * settings.Speed));
        var clock = new ScaledTimeProvider(simulation.Origin - WholeMinutes(StartupAllowance * settings.Speed), settings.Speed);
        var options = ServiceOptionsFor(kafka, clock, functions);
        using var host = await StartServiceAsync(options, kafka, clock, cancellation);
        var service = host.Service();
        await WaitForAssignmentAsync(service, cancellation);
        using var publisher = new RecordPublisher(
            kafka.Clients, new RecordPublisherOptions { Linger = TraceLinger },
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<RecordPublisher>());
        var baseline = await WarmUpAsync(service, publisher, options.InputTopic, clock, lead, cancellation);

        // Whole minutes, so forecast buckets and the policies' minutes line up with the trace's as in the simulator.
        var earliest = clock.GetUtcNow() + lead;
        var traceStart = earliest <= simulation.Origin ? simulation.Origin : simulation.Origin + WholeMinutes(earliest - simulation.Origin);
        var traceEnd = traceStart + TimeSpan.FromMinutes(minutes);
        var trace = new TimedEventPublisher(publisher, options.InputTopic, clock);
        var publishing = trace.RunAsync(TraceEvents.Of(TraceInvocations.Of(functions, simulation.Seed), traceStart), lead, cancellation);

        var atEnd = await FollowAsync(service, trace, publishing, clock, traceStart, traceEnd, minutes, cancellation);
        var atEndWaits = service.Components.Pool.CopyWaits();
        await publishing;
        if (trace.FirstFailure is { } failure)
            view.WriteLine($"warning: {trace.Failed:N0} events could not be published: {failure.Message}");
        var counters = service.Components.Counters;
        if (!await counters.WaitForFinishedAsync(baseline.Processed + baseline.DeadLettered + trace.Produced, DrainTimeout, cancellation))
            view.WriteLine($"warning: after {DrainTimeout.TotalSeconds:F0}s only {counters.EventsProcessed - baseline.Processed:N0} of {trace.Produced:N0} events were processed");
        await host.StopAsync(CancellationToken.None);

        view.WriteLine($"simulating the same {invocations:N0} invocations with {settings.Policy}...");
        var volumeModel = new MetricVolumeModel(
            new MetricVolumeOptions { Profiles = options.Config.Profiles, Selection = options.Config.Selection, InputTopic = options.InputTopic },
            simulation);
        var simulated = Simulator.Run(functions, [PolicyCatalog.Get(settings.Policy)], simulation, observe: (f, _) => volumeModel.Observe(f))[0];
        return Report(functions, minutes, service, trace, baseline, atEnd, atEndWaits, simulated, volumeModel.Report(functions).Adaptive, Stopwatch.GetElapsedTime(started));
    }

    private ServiceOptions ServiceOptionsFor(ClusterConnection kafka, ScaledTimeProvider clock, IReadOnlyList<SimulatedFunction> functions)
    {
        var simulation = settings.Slice.Simulation;
        // A fresh group per run that starts at the end of its input: a replay never reads another run's events. Without
        // --input-topic the topics are fresh too; a cluster that cannot create topics needs an existing one.
        var run = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        return new ServiceOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            KafkaProperties = kafka.Clients.Settings.Properties,
            InputTopic = settings.InputTopic ?? $"replay-events-{run}",
            Group = $"streammetrics-replay-{run}",
            ForecasterStateTopic = settings.InputTopic is null ? $"replay-forecaster-state-{run}" : "forecaster-state",
            ReadFromBeginning = false,
            Config = new StreamMetricsConfig
            {
                Profiles = settings.Profiles.Profiles,
                Selection = settings.Profiles.Selection,
                Pool = new WorkerPoolOptions
                {
                    ColdStart = simulation.ColdStart,
                    MaxParallelism = WorkerPoolOptions.MaxParallelismLimit,
                    InitialParallelism = WorkerPoolOptions.MaxParallelismLimit,
                    WaitForBusy = true,
                    // Until a function's first execution ends, the pool expects what the simulator expects.
                    ExpectedDurations = functions.ToDictionary(f => f.Function, f => f.ExpectedDuration),
                },
            },
            TickInterval = simulation.Tick,
            TypePolicies = ScalingPolicies.PerType(settings.Policy),
            DispatchAtEventTime = true,
        };
    }

    private async Task<IHost> StartServiceAsync(ServiceOptions options, ClusterConnection kafka, ScaledTimeProvider clock, CancellationToken cancellation)
    {
        var host = ServiceHost.Build(options, kafka.Topics, clock, new ServiceHostOptions { LogLevel = LogLevel.Warning });
        try
        {
            await host.StartAsync(cancellation);
            return host;
        }
        catch (Exception error)
        {
            host.Dispose();
            if (error is TopicCreationException && settings.InputTopic is null)
                throw new TopicCreationException($"{error.Message}; replay can also run through an existing topic: --input-topic events", error);
            throw;
        }
    }

    /// <summary>Runs the warm-up load to the end; returns the counters as it left them.</summary>
    private async Task<WarmUp.Baseline> WarmUpAsync(
        StreamMetricsService service, RecordPublisher publisher, string topic, ScaledTimeProvider clock, TimeSpan lead, CancellationToken cancellation)
    {
        view.WriteLine($"warming up: {WarmUpEvents:N0} events of type '{WarmUp.EventType}' over {WarmUpLength.TotalSeconds:F0}s");
        var warmUp = new TimedEventPublisher(publisher, topic, clock);
        var span = TimeSpan.FromTicks((long)(WarmUpLength.Ticks * clock.Speed));
        await warmUp.RunAsync(TraceEvents.Of(WarmUp.Invocations(WarmUpEvents, span), clock.GetUtcNow() + lead), lead, cancellation);
        // A group new to an existing topic starts at its end once it has joined, so the first warm-up events may pass it by.
        if (!await service.Components.Counters.WaitForFinishedAsync(warmUp.Produced, WarmUpDrainTimeout, cancellation))
            view.WriteLine($"warm-up: {service.Components.Counters.EventsProcessed:N0} of {warmUp.Produced:N0} events read; going on");
        return WarmUp.Snapshot(service.Components.Counters, service.Components.Pool, service.Components.Selector.Switches);
    }

    private static async Task WaitForAssignmentAsync(StreamMetricsService service, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(DrainTimeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (service.AssignedPartitions == 0)
            await poll.WaitForNextTickAsync(deadline.Token);
    }

    /// <summary>Shows progress until the trace has ended and every published event reached the pool; returns the pool's figures then.</summary>
    private async Task<PoolStatistics> FollowAsync(
        StreamMetricsService service, TimedEventPublisher trace, Task publishing, TimeProvider clock,
        DateTimeOffset traceStart, DateTimeOffset traceEnd, int minutes, CancellationToken cancellation)
    {
        var pool = service.Components.Pool;
        var lastShown = Stopwatch.GetTimestamp();
        long drainStarted = 0;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await poll.WaitForNextTickAsync(cancellation))
        {
            var statistics = pool.Statistics();
            var traceTypes = statistics.Types.Values.Where(t => t.EventType != WarmUp.EventType).ToList();
            var arrived = traceTypes.Sum(t => t.Arrivals);
            var now = clock.GetUtcNow();
            if (now >= traceEnd && publishing.IsCompleted && arrived >= trace.Produced)
                return statistics;
            if (now >= traceEnd && drainStarted == 0)
                drainStarted = Stopwatch.GetTimestamp();
            if (drainStarted != 0 && Stopwatch.GetElapsedTime(drainStarted) > DrainTimeout)
            {
                view.WriteLine($"warning: {DrainTimeout.TotalSeconds:F0}s after the trace's end only {arrived:N0} of {trace.Produced:N0} events reached the pool");
                return statistics;
            }
            if (progress is not null && Stopwatch.GetElapsedTime(lastShown) >= ProgressEvery)
            {
                lastShown = Stopwatch.GetTimestamp();
                var minute = Math.Clamp((now - traceStart).TotalMinutes, 0, minutes);
                progress.Report(new ReplayProgress(minute, minutes, trace.Produced, arrived, traceTypes.Sum(t => t.OnDemandStarts),
                    statistics.Instances, GC.GetTotalPauseDuration()));
            }
        }
        throw new OperationCanceledException(cancellation);
    }

    private ReplayReport Report(
        IReadOnlyList<SimulatedFunction> functions, int minutes, StreamMetricsService service, TimedEventPublisher trace,
        WarmUp.Baseline baseline, PoolStatistics atEnd, WaitHistogram atEndWaits, PolicyOutcome simulated, MetricVolume volume, TimeSpan elapsed)
    {
        var counters = service.Components.Counters;
        var rows = functions.Select((f, i) =>
        {
            var live = atEnd.Types.GetValueOrDefault(f.Function);
            var sim = simulated.Functions[i];
            return new ReplayFunctionRow(
                f.Function,
                live?.Arrivals ?? 0, live?.OnDemandStarts ?? 0, sim.ColdStarts,
                Math.Round(live?.InstanceSeconds ?? 0, 1), Math.Round(sim.InstanceSeconds, 1),
                Math.Round(live?.IdleInstanceSeconds ?? 0, 1), Math.Round(sim.IdleInstanceSeconds, 1));
        }).ToList();
        var waits = atEndWaits.Since(baseline.Waits);
        var liveInvocations = rows.Sum(r => r.Invocations);
        var liveColdStarts = rows.Sum(r => r.ColdStarts);
        var live = new ReplayTotals(
            liveInvocations, liveColdStarts, liveInvocations == 0 ? 0 : (double)liveColdStarts / liveInvocations,
            waits.PercentileMs(50), waits.PercentileMs(99), Math.Round(waits.MaxMs, 1),
            Math.Round(rows.Sum(r => r.InstanceSeconds), 1), Math.Round(rows.Sum(r => r.IdleInstanceSeconds), 1),
            counters.MetricRecordsByTopic.Values.Sum() - baseline.MetricRecords, counters.MetricBytes - baseline.MetricBytes);
        var simulatedTotals = new ReplayTotals(
            simulated.Invocations, simulated.ColdStarts, simulated.ColdStartRate,
            simulated.Waits.PercentileMs(50), simulated.Waits.PercentileMs(99), Math.Round(simulated.Waits.MaxMs, 1),
            Math.Round(simulated.InstanceSeconds, 1), Math.Round(simulated.IdleInstanceSeconds, 1), volume.Records, volume.Bytes);
        return new ReplayReport(
            settings.Slice.TracePath, settings.Slice.DurationsPath, settings.Policy, settings.Speed, settings.Slice.Simulation.Seed,
            settings.Slice.Simulation.ColdStart.TotalMilliseconds, functions.Count, minutes,
            trace.Produced, counters.EventsProcessed - baseline.Processed, counters.DeadLettered - baseline.DeadLettered, service.LostMessages,
            service.Components.Selector.Switches - baseline.ProfileSwitches, counters.DispatchedLate - baseline.DispatchedLate, Math.Round(counters.MaxLateness.TotalMilliseconds, 1), Math.Round(elapsed.TotalSeconds, 1),
            new Dictionary<string, ReplayTotals> { [settings.Policy] = live },
            new Dictionary<string, ReplayTotals> { [settings.Policy] = simulatedTotals },
            ReplayAgreement.Of(live, simulatedTotals, ReplaySettings.Tolerance),
            rows,
            LiveAndModel.Of(live.MetricRecords, volume.Records, ReplaySettings.Tolerance),
            LiveAndModel.Of(live.MetricBytes, volume.Bytes, ReplaySettings.Tolerance));
    }

    /// <summary>The span rounded up to whole minutes.</summary>
    private static TimeSpan WholeMinutes(TimeSpan span) => TimeSpan.FromMinutes(Math.Ceiling(span.TotalMinutes));
}
