using System.Runtime.CompilerServices;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// Runs functions on instances created with their <see cref="MetricConfig"/> (the execution environment). An invocation
/// waits for a slot under the parallelism limit, takes a warm idle instance of the same config, else a pre-warmed one
/// still starting, else starts a new one (a cold start), runs the function and records the pool metrics through the
/// instance's recorder. Idle instances retire after the keep-alive; an instance never changes config, so a new config
/// (a profile switch) means new instances: the pool starts as many as the type has at the switch, and while they are
/// starting the type's invocations run on idle instances of its old config rather than wait for a cold start; then the
/// old ones age out. Per type it accounts what the simulator reports (arrivals, on-demand cold starts, instance-, busy-
/// and in-flight seconds, queueing waits) on its <see cref="TimeProvider"/>.
/// Thread-safe: the worker stage calls it concurrently.
/// </summary>
public sealed class WorkerPool
{
    private readonly WorkerPoolOptions _options;
    private readonly FunctionCatalog _functions;
    private readonly TimeProvider _time;
    private readonly TimestampScale _scale;
    private readonly ClockReader _clock;
    private readonly ParallelismGate _slots;
    private readonly PoolAccounting _accounting;
    private readonly InstanceLifecycle _instances;
    private readonly Lock _gate = new();

    /// <param name="options">The pool's settings; validated here.</param>
    /// <param name="functions">The function each event type runs.</param>
    /// <param name="time">The pool's clock.</param>
    /// <param name="counters">The every-N counters to share; default new ones.</param>
    /// <param name="types">
    /// The bound on the event types the pool keeps figures and instances for; default <see cref="TypeTableOptions"/>'
    /// defaults. A forgotten type's idle instances retire, and its figures stay in the pool's totals.
    /// </param>
    public WorkerPool(WorkerPoolOptions options, FunctionCatalog functions, TimeProvider time, SamplingCounters? counters = null, TypeTableOptions? types = null)
    {
        options.Validate();
        _options = options;
        _functions = functions;
        _time = time;
        _scale = new TimestampScale(time);
        _clock = new ClockReader(time);
        Counters = counters ?? new SamplingCounters();
        _slots = new ParallelismGate(options.InitialParallelism, _gate);
        _accounting = new PoolAccounting(time, options.ExpectedDurations, types ?? new TypeTableOptions(), (type, counts) => _instances!.Forget(type, counts));
        _instances = new InstanceLifecycle(options, time, Counters, _accounting, _gate);
    }

    /// <summary>The every-N counters all instances share (exposed so tests and reports can read the counts).</summary>
    public SamplingCounters Counters { get; }

    public WorkerPoolOptions Options => _options;

    /// <summary>
    /// The pool's clock, read for both its timestamp and its UTC time at once: an arrival read on it before the call
    /// (<see cref="InvokeValueAsync(StreamEvent, MetricConfig, List{MetricSample}, ClockReading, CancellationToken)"/>)
    /// serves the caller and the pool alike.
    /// </summary>
    public ClockReader Clock => _clock;

    /// <summary>Current limit on concurrent invocations.</summary>
    public int Parallelism => _slots.Limit;

    /// <summary>Sets the limit on concurrent invocations, clamped to [1, MaxParallelism]. Running invocations above a lowered limit finish.</summary>
    public void SetParallelism(int limit) => _slots.SetLimit(Math.Clamp(limit, 1, _options.MaxParallelism));

    /// <summary>Runs <paramref name="evt"/> on an instance of <paramref name="config"/>, counted in the type's figures from this call until it returns.</summary>
    public Task<Invocation> InvokeAsync(StreamEvent evt, MetricConfig config, CancellationToken ct) => InvokeValueAsync(evt, config, null, ct).AsTask();

    /// <summary>
    /// <see cref="InvokeAsync"/> for the per-event path: a value task, so that an invocation that completes at once (a
    /// free slot, a warm instance, a synchronous function) allocates no task for its result; and its kept samples go to
    /// <paramref name="samples"/> (cleared first), which the caller reuses, and become the invocation's
    /// <see cref="Invocation.Samples"/>. Null: a new array, as from <see cref="InvokeAsync"/>.
    /// </summary>
    public ValueTask<Invocation> InvokeValueAsync(StreamEvent evt, MetricConfig config, List<MetricSample>? samples, CancellationToken ct) =>
        Invoke(evt, config, samples, null, ct);

    /// <summary>
    /// <see cref="InvokeValueAsync(StreamEvent, MetricConfig, List{MetricSample}, CancellationToken)"/> for an invocation
    /// that arrived at <paramref name="arrived"/>, read on <see cref="Clock"/> by the caller for the event: the pool reads
    /// the clock once fewer, and the samples of an invocation that runs at once are stamped with that reading.
    /// </summary>
    public ValueTask<Invocation> InvokeValueAsync(StreamEvent evt, MetricConfig config, List<MetricSample>? samples, ClockReading arrived, CancellationToken ct) =>
        Invoke(evt, config, samples, arrived, ct);

    private ValueTask<Invocation> Invoke(StreamEvent evt, MetricConfig config, List<MetricSample>? samples, ClockReading? arrived, CancellationToken ct)
    {
        try
        {
            var arrival = Arrive(config, arrived, ct);
            if (arrival.Claim is null)
                return AcquireAndRunAsync(evt, config, arrival, samples, ct);
            if (arrival.Claim.Value.Warm)
                return Execute(Started.Warm(arrival), evt, samples, ct);
            return RunAsync(evt, config, arrival, samples, ct);
        }
        catch (Exception failure)
        {
            // As from an async method: a failure to arrive is the task's, not thrown at the caller.
            return ValueTask.FromException<Invocation>(failure);
        }
    }

    /// <summary>
    /// An invocation that arrived with every slot taken: it waits for one, then runs. Never inlined, as none of the
    /// asynchronous paths below is: inlined, its state machine would take room in the caller's frame, which every
    /// invocation, most completing at once, zeroes on entry.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Invocation> AcquireAndRunAsync(StreamEvent evt, MetricConfig config, Arrival arrival, List<MetricSample>? samples, CancellationToken ct)
    {
        try
        {
            await _slots.AcquireAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            LeaveFailed(arrival, slotHeld: false);
            throw;
        }
        return await RunAsync(evt, config, arrival, samples, ct).ConfigureAwait(false);
    }

    private void LeaveFailed(Arrival arrival, bool slotHeld)
    {
        lock (_gate)
        {
            if (slotHeld)
                _slots.Release();
            arrival.Counts.Left();
        }
    }

    /// <summary>
    /// Counts the arrival, before any waiting, so the scaler sees demand the pool has not served yet. With a slot free
    /// it also claims an instance in the same lock, and a warm one starts executing there:
    /// the common invocation takes the pool's lock once to start and once to end.
    /// </summary>
    private Arrival Arrive(MetricConfig config, ClockReading? arrivedAt, CancellationToken ct)
    {
        lock (_gate)
        {
            var reading = arrivedAt ?? _clock.Read();
            var arrived = reading.Timestamp;
            // The type stays in the table while it has invocations in flight, so these counts serve until this one leaves.
            var counts = _accounting.Arrived(config.EventType, arrived);
            if (ct.IsCancellationRequested || !_slots.TryAcquire())
                return new Arrival(reading, counts, null, null);
            try
            {
                // Claimed in the arrival's lock, on its clock reading: an invocation that takes a warm instance here did not queue.
                var claim = Claim(config, counts, arrived);
                long? runningSince = null;
                if (claim.Warm)
                {
                    _accounting.ExecutionStarted(counts, TimeSpan.Zero);
                    runningSince = arrived;
                }
                else if (claim.Instance is { Ready.IsCompleted: true } ready)
                {
                    runningSince = StartExecution(ready, arrived, counts, TimeSpan.Zero);
                }
                return new Arrival(reading, counts, claim, runningSince);
            }
            catch
            {
                _slots.Release();
                counts.Left(arrived);
                throw;
            }
        }
    }

    /// <summary>Copies the histogram of every invocation's queueing wait so far (see <see cref="WaitSummary"/>).</summary>
    public WaitHistogram CopyWaits()
    {
        lock (_gate)
            return _accounting.CopyWaits();
    }

    /// <summary>Event types the pool keeps figures for now; never more than the bound while some type is idle.</summary>
    public int TypeCount
    {
        get
        {
            lock (_gate)
                return _accounting.TypeCount;
        }
    }

    /// <summary>Most event types the pool kept figures for at once so far.</summary>
    public int PeakTypeCount
    {
        get
        {
            lock (_gate)
                return _accounting.PeakTypeCount;
        }
    }

    /// <summary>Forgets the event types idle for the bound's idle timeout, retiring their idle instances; returns how many.</summary>
    public int ForgetIdleTypes()
    {
        lock (_gate)
            return _accounting.ForgetIdle();
    }

    /// <summary>Retires instances idle for KeepAlive or longer; returns how many.</summary>
    public int RetireIdle()
    {
        lock (_gate)
            return _instances.RetireIdle(_options.KeepAlive);
    }

    /// <summary>
    /// Applies a per-type warm floor: retires the type's idle instances of configs its invocations no longer ask for, starts
    /// instances of its latest config until it has <paramref name="floor"/> (none before its first invocation), and
    /// retires its idle instances above the floor that have been idle for <paramref name="idleTimeout"/> or longer, oldest
    /// first. Returns instances started minus instances retired.
    /// </summary>
    public int ScaleType(string eventType, int floor, TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            if (!_accounting.TryGet(eventType, out var counts) || counts.LatestConfig is not { } latest)
                return 0;
            var superseded = _instances.RetireSuperseded(latest);
            var started = _instances.PreWarm(latest, Math.Min(floor - counts.Instances, _options.MaxParallelism));
            return started - superseded - _instances.RetireAbove(eventType, floor, idleTimeout);
        }
    }

    /// <summary>The pool now, with every type's integrals brought up to this moment.</summary>
    public PoolStatistics Statistics()
    {
        lock (_gate)
        {
            return _accounting.Snapshot(_slots.Limit, _slots.Held, _slots.Waiting, _instances.Idle);
        }
    }

    /// <summary>
    /// An invocation holding a slot and no warm instance yet: it claims one if it has not, waits for a hand-over or a cold
    /// start, then executes. A failure before it executes gives the slot back and leaves here.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Invocation> RunAsync(StreamEvent evt, MetricConfig config, Arrival arrival, List<MetricSample>? samples, CancellationToken ct)
    {
        Started started;
        try
        {
            started = await StartAsync(config, arrival, ct).ConfigureAwait(false);
        }
        catch
        {
            LeaveFailed(arrival, slotHeld: true);
            throw;
        }
        return await Execute(started, evt, samples, ct).ConfigureAwait(false);
    }

    private async ValueTask<Started> StartAsync(MetricConfig config, Arrival arrival, CancellationToken ct)
    {
        var arrived = arrival.Arrived.Timestamp;
        var (claimed, startedHere, _, waiter) = arrival.Claim ?? ClaimAfterWaiting(config, arrival.Counts);
        var instance = claimed ?? await WaitForHandOverAsync(config, waiter!, ct).ConfigureAwait(false);
        // The clock is read once per step (claimed, ready, ended) and each reading serves every figure of that moment.
        var runStart = arrival.RunningSince ?? _time.GetTimestamp();
        var queueWait = _time.GetElapsedTime(arrived, runStart);
        var coldStart = TimeSpan.Zero;
        var waitedForStart = !instance.Ready.IsCompleted;
        if (waitedForStart)
        {
            var waitStart = runStart;
            await WaitUntilReady(instance, ct).ConfigureAwait(false);
            runStart = _time.GetTimestamp();
            coldStart = _time.GetElapsedTime(waitStart, runStart);
        }
        // As in the simulator, the cold start of an instance this invocation started is a cold start, not queueing.
        if (arrival.RunningSince is null)
        {
            lock (_gate)
                StartExecution(instance, arrived, arrival.Counts, startedHere ? coldStart : TimeSpan.Zero);
        }
        return new Started(instance, arrival.Counts, arrived, runStart, null, queueWait, coldStart, waitedForStart || startedHere);
    }

    /// <summary>
    /// Runs the function on the started instance and ends the invocation. Not an async method: a function that completes
    /// at once (the common case, such as <c>noop</c>) ends here with no state machine; only one still running is awaited.
    /// </summary>
    private ValueTask<Invocation> Execute(in Started started, StreamEvent evt, List<MetricSample>? samples, CancellationToken ct)
    {
        var recorder = started.Instance.Recorder;
        if (samples is not null)
        {
            samples.Clear();
            recorder.KeepInto(samples);
        }
        recorder.Record(MetricNames.QueueWaitMs, started.QueueWait.TotalMilliseconds, started.RunStartUtc);
        recorder.Record(MetricNames.ColdStart, started.ColdStartWait.TotalMilliseconds, started.RunStartUtc);
        ValueTask<FunctionResult> running;
        try
        {
            running = _functions.For(evt.Type).InvokeAsync(evt, recorder, ct);
        }
        catch (Exception failure)
        {
            Failed(started, samples);
            return ValueTask.FromException<Invocation>(failure);
        }
        return running.IsCompletedSuccessfully
            ? new ValueTask<Invocation>(Ended(started, running.Result, samples))
            : EndWhenRunAsync(started, running, samples);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Invocation> EndWhenRunAsync(Started started, ValueTask<FunctionResult> running, List<MetricSample>? samples)
    {
        FunctionResult result;
        try
        {
            result = await running.ConfigureAwait(false);
        }
        catch
        {
            Failed(started, samples);
            throw;
        }
        return Ended(started, result, samples);
    }

    /// <summary>The function returned: the end's metrics, then the instance, slot and in-flight count go back in one lock.</summary>
    private Invocation Ended(in Started started, FunctionResult result, List<MetricSample>? samples)
    {
        var (instance, counts) = (started.Instance, started.Counts);
        var endedAt = _clock.Read();
        var ended = endedAt.Timestamp;
        var execution = _scale.Between(started.RunStart, ended);
        // A warm invocation ran from its arrival: its latency is its execution.
        var latency = started.RunStart == started.Arrived ? execution : _scale.Between(started.Arrived, ended);
        var recorder = instance.Recorder;
        recorder.Record(MetricNames.LatencyMs, latency.TotalMilliseconds, endedAt.UtcTicks);
        recorder.Record(MetricNames.CpuTimeMs, result.CpuTime.TotalMilliseconds, endedAt.UtcTicks);
        var kept = Drain(recorder, samples);
        lock (_gate)
        {
            Return(instance, counts, execution, ended);
            _slots.Release();
            counts.Left(ended);
        }
        return new Invocation(instance.Id, started.WasCold, started.QueueWait, latency, kept, execution, result.Output);
    }

    /// <summary>The function failed: its samples are dropped, and the instance, slot and in-flight count go back in one lock.</summary>
    private void Failed(in Started started, List<MetricSample>? samples)
    {
        DropSamples(started.Instance.Recorder, samples);
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            Return(started.Instance, started.Counts, null, now);
            _slots.Release();
            started.Counts.Left(now);
        }
    }

    /// <summary>The invocation's kept samples: the caller's list, which they went to as they were kept, or the recorder's.</summary>
    private static IReadOnlyList<MetricSample> Drain(MetricRecorder recorder, List<MetricSample>? into)
    {
        if (into is null)
            return recorder.Drain();
        recorder.KeepOwn();
        return into;
    }

    private static void DropSamples(MetricRecorder recorder, List<MetricSample>? into)
    {
        if (into is null)
        {
            recorder.Drain();
            return;
        }
        recorder.KeepOwn();
        into.Clear();
    }

    /// <summary>Claims an instance for an invocation that waited for its slot, in a lock of its own.</summary>
    private ClaimResult ClaimAfterWaiting(MetricConfig config, TypeInstanceCounts counts)
    {
        lock (_gate)
            return Claim(config, counts, _time.GetTimestamp());
    }

    /// <summary>
    /// Claims an instance for the invocation; a warm one runs from <paramref name="now"/>, a timestamp of the pool's clock.
    /// The caller holds the pool's lock (taken once per arrival, not again here).
    /// </summary>
    private ClaimResult Claim(MetricConfig config, TypeInstanceCounts counts, long now)
    {
        if (counts.LatestConfig is { } previous && previous != config)
            _instances.StartReplacements(previous, config);
        counts.LatestConfig = config;
        if ((_instances.ClaimIdleLatest(counts, now) ?? _instances.ClaimStandIn(config, now)) is { } warm)
            return new ClaimResult(warm, false, true, null);
        // A pre-warmed instance is already part-way through its cold start: waiting for it beats starting another.
        if (_instances.ClaimStarting(config) is { } starting)
            return new ClaimResult(starting, false, false, null);
        if (_options.WaitForBusy && _instances.ExpectedWait(config, _accounting.ExpectedDuration(config.EventType, counts)) <= _options.ColdStart)
            return new ClaimResult(null, false, false, _instances.Wait(config));
        counts.OnDemandStarts++;
        return new ClaimResult(_instances.StartClaimed(config), true, false, null);
    }

    private async Task WaitUntilReady(FunctionInstance instance, CancellationToken ct)
    {
        try
        {
            await instance.Ready.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
                _instances.Unclaim(instance);
            throw;
        }
    }

    /// <summary>Waits for a running instance handed over when its execution ends; a cancelled wait leaves the queue.</summary>
    private async Task<FunctionInstance> WaitForHandOverAsync(MetricConfig config, TaskCompletionSource<FunctionInstance> waiter, CancellationToken ct)
    {
        await using (ct.Register(() =>
        {
            lock (_gate)
                _instances.CancelWait(config, waiter, ct);
        }).ConfigureAwait(false))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Accounts the start of an execution, under the pool's lock; its queueing wait runs from <paramref name="arrived"/>
    /// until the instance runs it, less <paramref name="ownColdStart"/>. Returns the timestamp it runs since.
    /// </summary>
    private long StartExecution(FunctionInstance instance, long arrived, TypeInstanceCounts counts, TimeSpan ownColdStart)
    {
        var runningSince = _instances.Run(instance);
        _accounting.ExecutionStarted(counts, _time.GetElapsedTime(arrived, runningSince) - ownColdStart);
        return runningSince;
    }

    /// <summary>Accounts the end of an execution and returns its instance, under the pool's lock.</summary>
    private void Return(FunctionInstance instance, TypeInstanceCounts counts, TimeSpan? execution, long ended)
    {
        _accounting.ExecutionEnded(counts, execution, ended);
        _instances.Finish(instance, ended);
    }

    /// <summary>What an invocation found on arrival: its type's counts, and with a free slot its claim (and, warm, the moment it started running).</summary>
    private readonly record struct Arrival(ClockReading Arrived, TypeInstanceCounts Counts, ClaimResult? Claim, long? RunningSince);

    /// <summary>
    /// An instance claimed (started here or not; <paramref name="Warm"/>: an idle one, running from the claim), or the
    /// waiter for one handed over.
    /// </summary>
    private readonly record struct ClaimResult(FunctionInstance? Instance, bool StartedHere, bool Warm, TaskCompletionSource<FunctionInstance>? Waiter);

    /// <summary>
    /// An invocation whose instance runs it from <paramref name="RunStart"/> (at <paramref name="RunStartUtc"/> in UTC ticks,
    /// when the clock's UTC time was read then too), after <paramref name="QueueWait"/> and
    /// <paramref name="ColdStartWait"/>; <paramref name="WasCold"/>: it waited for its instance to start or started it.
    /// </summary>
    private readonly record struct Started(
        FunctionInstance Instance, TypeInstanceCounts Counts, long Arrived, long RunStart, long? RunStartUtc, TimeSpan QueueWait, TimeSpan ColdStartWait, bool WasCold)
    {
        /// <summary>An invocation that found a warm instance on arrival: it runs from its arrival, with no wait.</summary>
        public static Started Warm(Arrival arrival) =>
            new(arrival.Claim!.Value.Instance!, arrival.Counts, arrival.Arrived.Timestamp, arrival.Arrived.Timestamp, arrival.Arrived.UtcTicks, TimeSpan.Zero, TimeSpan.Zero, false);
    }
}
