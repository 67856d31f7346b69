using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The worker pool's instances by config and the only place they change state. From its start to its retirement an
/// instance is in exactly one of its config's collections: starting (pre-warmed, in its cold start, nobody's yet),
/// claimed (an invocation took it and does not run on it yet: in its cold start or just out of it), running, or idle.
/// A warm instance counts as running from its claim, and one handed over to a waiting invocation from the hand-over,
/// not from when that invocation resumes: an arrival in between must not see a config with waiters and nothing
/// running and start an instance cold. Guarded by the pool's lock, which it takes itself only when a cold start ends
/// on the clock.
/// </summary>
internal sealed partial class InstanceLifecycle(WorkerPoolOptions options, TimeProvider time, SamplingCounters counters, PoolAccounting accounting, Lock gate)
{
    private readonly Dictionary<MetricConfig, ConfigInstances> _byConfig = [];
    private long _sequence;

    /// <summary>Warm instances waiting for work, all configs.</summary>
    public int Idle => _byConfig.Values.Sum(instances => instances.Idle.Count);

    /// <summary>The config's instances in each state, and its invocations waiting for a running one.</summary>
    public (int Starting, int Claimed, int Running, int Idle, int Waiting) Counts(MetricConfig config) =>
        _byConfig.TryGetValue(config, out var instances)
            ? (instances.Starting.Count, instances.Claimed.Count, instances.Running.Count, instances.Idle.Count, instances.Waiters.Count)
            : default;

    /// <summary>Starts <paramref name="count"/> instances nobody waits for; returns how many (none for a count below one).</summary>
    public int PreWarm(MetricConfig config, int count)
    {
        for (var i = 0; i < count; i++)
            Start(config, claimed: false);
        return Math.Max(0, count);
    }

    /// <summary>Starts an instance for the calling invocation, which waits through its cold start: an on-demand start.</summary>
    public FunctionInstance StartClaimed(MetricConfig config) => Start(config, claimed: true);

    /// <summary>
    /// On a profile switch from <paramref name="previous"/> to <paramref name="latest"/>: starts as many instances of the
    /// latest config as the previous one has beyond the latest's own (at most MaxParallelism), so the switch costs
    /// cold starts of nobody's invocation.
    /// </summary>
    public void StartReplacements(MetricConfig previous, MetricConfig latest) =>
        PreWarm(latest, Math.Min(Of(previous).Alive - Of(latest).Alive, options.MaxParallelism));

    /// <summary>Claims the config's most recently idle instance, running from now; null if none is idle.</summary>
    public FunctionInstance? ClaimIdle(MetricConfig config) => ClaimIdle(config, time.GetTimestamp());

    /// <summary><see cref="ClaimIdle(MetricConfig)"/> at <paramref name="now"/>, a timestamp of the pool's clock the caller read under the lock.</summary>
    public FunctionInstance? ClaimIdle(MetricConfig config, long now) => ClaimNewestIdle(Of(config), now);

    /// <summary>
    /// <see cref="ClaimIdle(MetricConfig, long)"/> for the latest config of the type <paramref name="counts"/> belong to,
    /// whose instances the counts keep (<see cref="TypeInstanceCounts.LatestInstances"/>) while this lifecycle holds them.
    /// </summary>
    public FunctionInstance? ClaimIdleLatest(TypeInstanceCounts counts, long now)
    {
        var latest = counts.LatestConfig ?? throw new InvalidOperationException("the type has no latest config");
        if (counts.LatestInstances is not { Dropped: false } instances)
            counts.LatestInstances = instances = Of(latest);
        return ClaimNewestIdle(instances, now);
    }

    /// <summary>
    /// While the config's own instances start, claims the most recently idle instance of another config of its type,
    /// running from now: a profile switch takes effect once the new config's instances are warm. Null otherwise.
    /// </summary>
    public FunctionInstance? ClaimStandIn(MetricConfig config) => ClaimStandIn(config, time.GetTimestamp());

    /// <summary><see cref="ClaimStandIn(MetricConfig)"/> at <paramref name="now"/>, a timestamp of the pool's clock the caller read under the lock.</summary>
    public FunctionInstance? ClaimStandIn(MetricConfig config, long now)
    {
        if (!Of(config).AnyStartingOrClaimed)
            return null;
        foreach (var other in accounting.Of(config.EventType).Configs)
        {
            if (other != config && _byConfig.TryGetValue(other, out var instances) && instances.Idle.Count > 0)
                return ClaimNewestIdle(instances, now);
        }
        return null;
    }

    /// <summary>Claims the config's earliest pre-warmed instance still starting (the first ready); null if none.</summary>
    public FunctionInstance? ClaimStarting(MetricConfig config)
    {
        var instances = Of(config);
        if (instances.Starting.Count == 0)
            return null;
        var starting = instances.Starting[0];
        instances.Starting.RemoveAt(0);
        instances.Claimed.Add(starting, false);
        return starting;
    }

    /// <summary>Queues an invocation for the config's next running instance to finish (see <see cref="Finish(FunctionInstance, long)"/>).</summary>
    public TaskCompletionSource<FunctionInstance> Wait(MetricConfig config)
    {
        var waiter = new TaskCompletionSource<FunctionInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
        Of(config).Waiters.AddLast(waiter);
        return waiter;
    }

    /// <summary>Cancels a wait unless an instance was already handed over, so a hand-over and a cancellation never both happen.</summary>
    public void CancelWait(MetricConfig config, TaskCompletionSource<FunctionInstance> waiter, CancellationToken ct)
    {
        if (waiter.TrySetCanceled(ct))
            Of(config).Waiters.Remove(waiter);
    }

    /// <summary>
    /// The claiming invocation gave up before running: the instance keeps starting for the next invocation, or is idle
    /// if it is ready; the cold start is not wasted.
    /// </summary>
    public void Unclaim(FunctionInstance instance)
    {
        var instances = instance.Home;
        if (instances.Claimed.Remove(instance, out var ready))
        {
            if (ready)
                AddIdle(instances, instance);
            else
                instances.Starting.Add(instance);
        }
        // Claimed idle just as its cold start ended, before its ready task completed: it runs nothing yet.
        else if (instances.Running.Remove(instance))
        {
            AddIdle(instances, instance);
        }
        else
        {
            throw NotIn(instance, "claimed or running");
        }
    }

    /// <summary>
    /// The claiming invocation starts executing on the instance: one claimed in its cold start runs from now, one claimed
    /// warm or handed over has run since its claim. Returns the pool clock's timestamp it has run since.
    /// </summary>
    public long Run(FunctionInstance instance)
    {
        var instances = instance.Home;
        if (instances.Running.TryGetSince(instance, out var since))
            return since;
        if (!instances.Claimed.Remove(instance))
            throw NotIn(instance, "claimed or running");
        var now = time.GetTimestamp();
        instances.Running.Add(instance, now);
        return now;
    }

    /// <summary>The instance's execution ended now (see <see cref="Finish(FunctionInstance, long)"/>).</summary>
    public void Finish(FunctionInstance instance) => Finish(instance, time.GetTimestamp());

    /// <summary>
    /// The instance's execution ended at <paramref name="now"/> (a timestamp of the pool's clock): the first invocation
    /// waiting for its config takes it warm, as in the simulator, running from then; with none waiting it becomes idle.
    /// </summary>
    public void Finish(FunctionInstance instance, long now)
    {
        var instances = instance.Home;
        if (instances.Waiters.First is { } waiter)
        {
            if (!instances.Running.Contains(instance))
                throw NotIn(instance, "running");
            instances.Waiters.RemoveFirst();
            instances.Running.Restart(instance, now);
            waiter.Value.TrySetResult(instance);
            return;
        }
        // One lookup for the common end: the instance leaves the running ones and becomes idle.
        if (!instances.Running.Remove(instance))
            throw NotIn(instance, "running");
        AddIdle(instances, instance, now);
    }

    /// <summary>
    /// The live pool's <see cref="BusyDispatch"/> estimate for one config: how long one more invocation is expected to
    /// wait for its running and claimed instances, null with none. While no execution time is known
    /// (<paramref name="mean"/> zero), each instance takes at most one waiter.
    /// </summary>
    public TimeSpan? ExpectedWait(MetricConfig config, TimeSpan mean)
    {
        var instances = Of(config);
        var count = instances.Running.Count + instances.Claimed.Count;
        if (count == 0)
            return null;
        var queued = instances.Waiters.Count;
        if (mean <= TimeSpan.Zero && queued >= count)
            return null;
        var now = time.GetTimestamp();
        var meanSeconds = mean.TotalSeconds;
        Span<double> remaining = count <= 256 ? stackalloc double[count] : new double[count];
        var i = 0;
        for (var running = 0; running < instances.Running.Count; running++)
            remaining[i++] = BusyDispatch.RemainingSeconds(time.GetElapsedTime(instances.Running.SinceAt(running), now).TotalSeconds, meanSeconds);
        // A claimed instance frees up one execution after it is ready.
        foreach (var claimed in instances.Claimed.Keys)
            remaining[i++] = time.GetElapsedTime(now, claimed.ReadyAt).TotalSeconds + meanSeconds;
        return TimeSpan.FromSeconds(BusyDispatch.ExpectedWaitSeconds(remaining, queued, meanSeconds)!.Value);
    }

    private ConfigInstances Of(MetricConfig config)
    {
        if (!_byConfig.TryGetValue(config, out var instances))
        {
            instances = new ConfigInstances();
            _byConfig.Add(config, instances);
            var configs = accounting.Of(config.EventType).Configs;
            if (!configs.Contains(config))
                configs.Add(config);
        }
        return instances;
    }

    private FunctionInstance Start(MetricConfig config, bool claimed)
    {
        var id = $"{config.EventType}/{config.Profile.Name}/{++_sequence}";
        var readyAt = time.GetTimestamp() + (long)(options.ColdStart.TotalSeconds * time.TimestampFrequency);
        var coldStart = options.ColdStart > TimeSpan.Zero ? new TaskCompletionSource() : null;
        var instances = Of(config);
        var instance = new FunctionInstance(id, config, new MetricRecorder(config, id, counters, time), readyAt, coldStart?.Task ?? Task.CompletedTask, instances);
        accounting.InstanceStarted(config.EventType);
        if (claimed)
            instances.Claimed.Add(instance, false);
        else
            instances.Starting.Add(instance);
        if (coldStart is null)
            BecomeReady(instance);
        else
            _ = EndColdStartAsync(instance, coldStart);
        return instance;
    }

    private async Task EndColdStartAsync(FunctionInstance instance, TaskCompletionSource coldStart)
    {
        await Task.Delay(options.ColdStart, time).ConfigureAwait(false);
        lock (gate)
            BecomeReady(instance);
        // Outside the lock: the invocation waiting through the cold start resumes here and takes the lock itself.
        coldStart.SetResult();
    }

    /// <summary>Called under the lock when a cold start ends: a claimed instance stays its invocation's, a pre-warmed one is idle.</summary>
    private void BecomeReady(FunctionInstance instance)
    {
        accounting.InstanceReady(instance.Config.EventType);
        var instances = instance.Home;
        if (instances.Claimed.ContainsKey(instance))
            instances.Claimed[instance] = true;
        else if (instances.Starting.Remove(instance))
            AddIdle(instances, instance);
    }

    private FunctionInstance? ClaimNewestIdle(ConfigInstances instances, long now)
    {
        if (!instances.Idle.TryTakeNewest(out var newest))
            return null;
        var instance = newest.Instance;
        instances.Running.Add(instance, now);
        return instance;
    }

    private void AddIdle(ConfigInstances instances, FunctionInstance instance) => AddIdle(instances, instance, time.GetTimestamp());

    /// <summary>Every invocation ends here, its instance idle from <paramref name="now"/> unless a waiter took it.</summary>
    private static void AddIdle(ConfigInstances instances, FunctionInstance instance, long now) =>
        instances.Idle.AddNewest(new IdleInstance(instance, now));

    private static InvalidOperationException NotIn(FunctionInstance instance, string states) =>
        new($"instance {instance.Id} is not {states}");

    internal readonly record struct IdleInstance(FunctionInstance Instance, long Since);

    /// <summary>
    /// One config's instances, one collection per state, and the invocations waiting for a running one. Its entry stays
    /// while any of its instances is alive, so each instance holds it (<see cref="FunctionInstance.Home"/>) rather than
    /// look it up by config at every change of state.
    /// </summary>
    internal sealed class ConfigInstances
    {
        /// <summary>Pre-warmed instances in their cold start; a claim takes the first, the earliest started.</summary>
        public List<FunctionInstance> Starting { get; } = [];

        /// <summary>Claimed instances, each with whether its cold start is over.</summary>
        public Dictionary<FunctionInstance, bool> Claimed { get; } = [];

        /// <summary>Running instances, each with the pool clock's timestamp it has run since.</summary>
        public RunningInstances Running { get; } = new();

        /// <summary>Idle instances in the order they became idle: reuse takes the newest, retirement the oldest.</summary>
        public IdleInstances Idle { get; } = new();

        /// <summary>Invocations waiting for a running instance (only with <see cref="WorkerPoolOptions.WaitForBusy"/>), first come first served.</summary>
        public LinkedList<TaskCompletionSource<FunctionInstance>> Waiters { get; } = new();

        /// <summary>Whether the lifecycle let this entry go (no instance left alive): a later one for its config is another object.</summary>
        public bool Dropped { get; set; }

        /// <summary>Whether any instance is in its cold start or claimed and not running yet: one will soon be warm.</summary>
        public bool AnyStartingOrClaimed => Starting.Count + Claimed.Count > 0;

        public int Alive => Starting.Count + Claimed.Count + Running.Count + Idle.Count;
    }
}
