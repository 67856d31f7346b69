using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// Runs functions on instances created with their <see cref="MetricConfig"/> (the execution environment). An invocation
/// waits for a slot under the parallelism limit, takes a warm idle instance of the same config, else a pre-warmed one
/// still starting, else starts a new one (a cold start), runs the function and records the pool metrics through the
/// instance's recorder. Idle instances retire after the keep-alive; an instance never changes config, so a new config
/// means new instances and the old ones age out. Thread-safe: the worker stage calls it concurrently.
/// </summary>
public sealed class WorkerPool
{
    private readonly WorkerPoolOptions _options;
    private readonly FunctionCatalog _functions;
    private readonly TimeProvider _time;
    private readonly ParallelismGate _slots;
    private readonly Dictionary<MetricConfig, ConfigInstances> _byConfig = [];
    private readonly Dictionary<string, TypeInstanceCounts> _byType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _instanceSequence;
    private long _coldStarts;
    private long _invocations;
    private int _instances;
    private int _instancesMax;

    public WorkerPool(WorkerPoolOptions options, FunctionCatalog functions, TimeProvider time, SamplingCounters? counters = null)
    {
        options.Validate();
        _options = options;
        _functions = functions;
        _time = time;
        Counters = counters ?? new SamplingCounters();
        _slots = new ParallelismGate(options.InitialParallelism);
    }

    /// <summary>The every-N counters all instances share (exposed so tests and reports can read the counts).</summary>
    public SamplingCounters Counters { get; }

    public WorkerPoolOptions Options => _options;

    /// <summary>Current limit on concurrent invocations.</summary>
    public int Parallelism => _slots.Limit;

    /// <summary>Sets the limit on concurrent invocations, clamped to [1, MaxParallelism]. Running invocations above a lowered limit finish.</summary>
    public void SetParallelism(int limit) => _slots.SetLimit(Math.Clamp(limit, 1, _options.MaxParallelism));

    public async Task<Invocation> InvokeAsync(StreamEvent evt, MetricConfig config, CancellationToken ct)
    {
        var arrived = _time.GetTimestamp();
        await _slots.AcquireAsync(ct).ConfigureAwait(false);
        try
        {
            var (claimed, startedHere, waiter) = Claim(config);
            var instance = claimed ?? await WaitForRunningAsync(config, waiter!, ct).ConfigureAwait(false);
            var queueWait = _time.GetElapsedTime(arrived);
            var coldStart = TimeSpan.Zero;
            var waitedForStart = !instance.Ready.IsCompleted;
            if (waitedForStart)
            {
                var waitStart = _time.GetTimestamp();
                await WaitUntilReady(instance, ct).ConfigureAwait(false);
                coldStart = _time.GetElapsedTime(waitStart);
            }
            MarkBusy(instance);
            var recorder = instance.Recorder;
            recorder.Record(MetricNames.QueueWaitMs, queueWait.TotalMilliseconds);
            recorder.Record(MetricNames.ColdStart, coldStart.TotalMilliseconds);
            var runStart = _time.GetTimestamp();
            FunctionResult result;
            try
            {
                result = await _functions.For(evt.Type).InvokeAsync(evt, recorder, ct).ConfigureAwait(false);
            }
            catch
            {
                recorder.Drain();
                Return(instance, null);
                throw;
            }
            var execution = _time.GetElapsedTime(runStart);
            var latency = _time.GetElapsedTime(arrived);
            recorder.Record(MetricNames.LatencyMs, latency.TotalMilliseconds);
            recorder.Record(MetricNames.CpuTimeMs, result.CpuTime.TotalMilliseconds);
            var samples = recorder.Drain();
            Return(instance, execution);
            return new Invocation(instance.Id, waitedForStart || startedHere, queueWait, latency, samples, execution, result.Output);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Starts <paramref name="count"/> instances of <paramref name="config"/> now, off the request path (at most MaxParallelism per call).</summary>
    public void PreWarm(MetricConfig config, int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < Math.Min(count, _options.MaxParallelism); i++)
                StartInstance(config, claimed: false);
        }
    }

    /// <summary>Retires instances idle for KeepAlive or longer; returns how many.</summary>
    public int RetireIdle()
    {
        lock (_gate)
        {
            var retired = 0;
            foreach (var (config, instances) in _byConfig)
            {
                while (instances.Idle.First is { } oldest && _time.GetElapsedTime(oldest.Value.IdleSince) >= _options.KeepAlive)
                {
                    instances.Idle.RemoveFirst();
                    CountsOf(config.EventType).Instances--;
                    _instances--;
                    retired++;
                }
                if (instances.Idle.Count == 0 && instances.Unclaimed.Count == 0 && instances.Busy == 0)
                    _byConfig.Remove(config);
            }
            return retired;
        }
    }

    /// <summary>
    /// Applies a per-type warm floor: starts instances of the type's latest config until it has <paramref name="floor"/>
    /// (none before its first invocation), and retires its idle instances above the floor that have been idle for
    /// <paramref name="idleTimeout"/> or longer, oldest first. Returns instances started minus instances retired.
    /// </summary>
    public int ScaleType(string eventType, int floor, TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            if (!_byType.TryGetValue(eventType, out var counts) || counts.LatestConfig is not { } latest)
                return 0;
            var started = Math.Min(Math.Max(0, floor - counts.Instances), _options.MaxParallelism);
            for (var i = 0; i < started; i++)
                StartInstance(latest, claimed: false);
            var retired = 0;
            foreach (var (config, instances) in _byConfig)
            {
                if (config.EventType != eventType)
                    continue;
                while (counts.Instances > floor && instances.Idle.First is { } oldest && _time.GetElapsedTime(oldest.Value.IdleSince) >= idleTimeout)
                {
                    instances.Idle.RemoveFirst();
                    counts.Instances--;
                    _instances--;
                    retired++;
                }
            }
            return started - retired;
        }
    }

    public PoolStatistics Statistics()
    {
        lock (_gate)
        {
            int busy = 0, idle = 0, starting = 0;
            foreach (var counts in _byType.Values)
            {
                busy += counts.Busy;
                starting += counts.Starting;
            }
            foreach (var instances in _byConfig.Values)
                idle += instances.Idle.Count;
            var types = _byType.ToDictionary(
                entry => entry.Key,
                entry => new TypePoolStatistics(entry.Key, entry.Value.Instances, entry.Value.Busy, entry.Value.ColdStarts, entry.Value.Invocations, entry.Value.MeanDuration)
                {
                    Starting = entry.Value.Starting,
                },
                StringComparer.Ordinal);
            return new PoolStatistics(_slots.Limit, _slots.Held, _slots.Waiting, _instances, busy, idle, starting, _coldStarts, _invocations, _instancesMax, types);
        }
    }

    private (FunctionInstance? Instance, bool StartedHere, TaskCompletionSource<FunctionInstance>? Waiter) Claim(MetricConfig config)
    {
        lock (_gate)
        {
            CountsOf(config.EventType).LatestConfig = config;
            var instances = InstancesOf(config);
            if (instances.Idle.Last is { } warm)
            {
                instances.Idle.RemoveLast();
                instances.Busy++;
                warm.Value.State = InstanceState.Busy;
                return (warm.Value, false, null);
            }
            if (instances.Unclaimed.Count > 0)
            {
                // A pre-warmed instance is already part-way through its cold start: waiting for it beats starting another.
                var starting = instances.Unclaimed[0];
                instances.Unclaimed.RemoveAt(0);
                starting.Claimed = true;
                instances.Busy++;
                return (starting, false, null);
            }
            instances.Busy++;
            if (_options.WaitForBusy && BusyDispatch.ExpectedWait(instances, CountsOf(config.EventType).MeanDuration, _time) <= _options.ColdStart)
            {
                var waiter = new TaskCompletionSource<FunctionInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
                instances.Waiters.AddLast(waiter);
                return (null, false, waiter);
            }
            return (StartInstance(config, claimed: true), true, null);
        }
    }

    private FunctionInstance StartInstance(MetricConfig config, bool claimed)
    {
        var id = $"{config.EventType}/{config.Profile.Name}/{++_instanceSequence}";
        var instance = new FunctionInstance(id, config, new MetricRecorder(config, id, Counters, _time)) { Claimed = claimed };
        var counts = CountsOf(config.EventType);
        counts.Instances++;
        counts.Starting++;
        counts.ColdStarts++;
        _coldStarts++;
        _instances++;
        _instancesMax = Math.Max(_instancesMax, _instances);
        if (!claimed)
            InstancesOf(config).Unclaimed.Add(instance);
        if (_options.ColdStart <= TimeSpan.Zero)
            OnReady(instance);
        else
            instance.Ready = StartAsync(instance);
        return instance;
    }

    private async Task StartAsync(FunctionInstance instance)
    {
        await Task.Delay(_options.ColdStart, _time).ConfigureAwait(false);
        lock (_gate)
            OnReady(instance);
    }

    /// <summary>Called under the lock when a cold start ends.</summary>
    private void OnReady(FunctionInstance instance)
    {
        CountsOf(instance.Config.EventType).Starting--;
        instance.State = InstanceState.Idle;
        if (instance.Claimed)
            return;
        var instances = InstancesOf(instance.Config);
        instances.Unclaimed.Remove(instance);
        instance.IdleSince = _time.GetTimestamp();
        instances.Idle.AddLast(instance);
    }

    private async Task WaitUntilReady(FunctionInstance instance, CancellationToken ct)
    {
        try
        {
            await instance.Ready.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The instance keeps starting and becomes idle for the next invocation; the cold start is not wasted.
            lock (_gate)
            {
                var instances = InstancesOf(instance.Config);
                instances.Busy--;
                instance.Claimed = false;
                if (instance.State == InstanceState.Starting)
                    instances.Unclaimed.Add(instance);
                else
                    AddIdle(instances, instance);
            }
            throw;
        }
    }

    /// <summary>Waits for a running instance handed over by <see cref="Return"/>; a cancelled wait leaves the queue.</summary>
    private async Task<FunctionInstance> WaitForRunningAsync(MetricConfig config, TaskCompletionSource<FunctionInstance> waiter, CancellationToken ct)
    {
        await using (ct.Register(() =>
        {
            lock (_gate)
            {
                // Under the lock, so a hand-over and a cancellation never both happen.
                if (waiter.TrySetCanceled(ct))
                {
                    var instances = InstancesOf(config);
                    instances.Waiters.Remove(waiter);
                    instances.Busy--;
                }
            }
        }).ConfigureAwait(false))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    private void MarkBusy(FunctionInstance instance)
    {
        lock (_gate)
        {
            instance.BusySince = _time.GetTimestamp();
            InstancesOf(instance.Config).Running.Add(instance);
            instance.State = InstanceState.Busy;
            CountsOf(instance.Config.EventType).Busy++;
        }
    }

    private void Return(FunctionInstance instance, TimeSpan? execution)
    {
        lock (_gate)
        {
            var counts = CountsOf(instance.Config.EventType);
            counts.Busy--;
            if (execution is { } duration)
            {
                counts.Completed(duration);
                _invocations++;
            }
            var instances = InstancesOf(instance.Config);
            instances.Busy--;
            instances.Running.Remove(instance);
            if (instances.Waiters.First is { } waiter)
            {
                // The next invocation waiting for a running instance takes this one warm, as in the simulator.
                instances.Waiters.RemoveFirst();
                waiter.Value.TrySetResult(instance);
                return;
            }
            instance.State = InstanceState.Idle;
            AddIdle(instances, instance);
        }
    }

    private void AddIdle(ConfigInstances instances, FunctionInstance instance)
    {
        instance.IdleSince = _time.GetTimestamp();
        instances.Idle.AddLast(instance);
    }

    private ConfigInstances InstancesOf(MetricConfig config)
    {
        if (!_byConfig.TryGetValue(config, out var instances))
        {
            instances = new ConfigInstances();
            _byConfig.Add(config, instances);
        }
        return instances;
    }

    private TypeInstanceCounts CountsOf(string eventType)
    {
        if (!_byType.TryGetValue(eventType, out var counts))
        {
            counts = new TypeInstanceCounts();
            _byType.Add(eventType, counts);
        }
        return counts;
    }
}
