using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// The worker pool's instances by config and their life: started (for an invocation or pre-warmed), through the cold
/// start, idle, retired. Guarded by the pool's lock, which it takes itself only when a cold start ends on the clock.
/// </summary>
internal sealed class PoolInstances(WorkerPoolOptions options, TimeProvider time, SamplingCounters counters, PoolAccounting accounting, Lock gate)
{
    private readonly Dictionary<MetricConfig, ConfigInstances> _byConfig = [];
    private long _sequence;

    /// <summary>Warm instances waiting for work, all configs.</summary>
    public int Idle => _byConfig.Values.Sum(instances => instances.Idle.Count);

    public ConfigInstances Of(MetricConfig config)
    {
        if (!_byConfig.TryGetValue(config, out var instances))
        {
            instances = new ConfigInstances();
            _byConfig.Add(config, instances);
        }
        return instances;
    }

    /// <summary>Starts an instance: <paramref name="claimed"/> by the calling invocation, or pre-warmed for whoever comes.</summary>
    public FunctionInstance Start(MetricConfig config, bool claimed)
    {
        var id = $"{config.EventType}/{config.Profile.Name}/{++_sequence}";
        var instance = new FunctionInstance(id, config, new MetricRecorder(config, id, counters, time))
        {
            Claimed = claimed,
            ReadyAt = time.GetTimestamp() + (long)(options.ColdStart.TotalSeconds * time.TimestampFrequency),
        };
        accounting.InstanceStarted(config.EventType);
        if (claimed)
            Of(config).ClaimedStarting.Add(instance);
        else
            Of(config).Unclaimed.Add(instance);
        if (options.ColdStart <= TimeSpan.Zero)
            OnReady(instance);
        else
            instance.Ready = StartAsync(instance);
        return instance;
    }

    public void AddIdle(ConfigInstances instances, FunctionInstance instance)
    {
        instance.IdleSince = time.GetTimestamp();
        instances.Idle.AddLast(instance);
    }

    /// <summary>
    /// On a profile switch from <paramref name="previous"/> to <paramref name="latest"/>: starts as many instances of the
    /// latest config as the previous one has beyond the latest's own (at most MaxParallelism), so the switch costs
    /// cold starts of nobody's invocation.
    /// </summary>
    public void StartReplacements(MetricConfig previous, MetricConfig latest)
    {
        var missing = Math.Min(Of(previous).Alive - Of(latest).Alive, options.MaxParallelism);
        for (var i = 0; i < missing; i++)
            Start(latest, claimed: false);
    }

    /// <summary>The most recently idle instance of another config of <paramref name="config"/>'s type, if any.</summary>
    public LinkedListNode<FunctionInstance>? IdleOfOtherConfig(MetricConfig config)
    {
        foreach (var (other, instances) in _byConfig)
        {
            if (other.EventType == config.EventType && other != config && instances.Idle.Last is { } idle)
                return idle;
        }
        return null;
    }

    /// <summary>Retires instances idle for <paramref name="keepAlive"/> or longer and forgets configs left empty; returns how many.</summary>
    public int RetireIdle(TimeSpan keepAlive)
    {
        var retired = 0;
        foreach (var (config, instances) in _byConfig)
        {
            while (instances.Idle.First is { } oldest && time.GetElapsedTime(oldest.Value.IdleSince) >= keepAlive)
            {
                RetireOldest(config, instances);
                retired++;
            }
            if (instances.Idle.Count == 0 && instances.Unclaimed.Count == 0 && instances.Busy == 0)
                _byConfig.Remove(config);
        }
        return retired;
    }

    /// <summary>Retires the type's instances idle for <paramref name="idleTimeout"/> or longer while it has more than <paramref name="floor"/>, oldest first.</summary>
    public int RetireAbove(string eventType, int floor, TimeSpan idleTimeout)
    {
        var counts = accounting.Of(eventType);
        var retired = 0;
        foreach (var (config, instances) in _byConfig)
        {
            if (config.EventType != eventType)
                continue;
            while (counts.Instances > floor && instances.Idle.First is { } oldest && time.GetElapsedTime(oldest.Value.IdleSince) >= idleTimeout)
            {
                RetireOldest(config, instances);
                retired++;
            }
        }
        return retired;
    }

    /// <summary>
    /// Retires the type's idle instances of every config but <paramref name="latest"/> once none of the latest's is still
    /// starting: its invocations now ask for that one, so the others only stand in until it is warm and would then
    /// just hold the type's floor. Returns how many.
    /// </summary>
    public int RetireSuperseded(MetricConfig latest)
    {
        var retired = 0;
        if (Of(latest).AnyStarting)
            return 0;
        foreach (var (config, instances) in _byConfig)
        {
            if (config.EventType != latest.EventType || config == latest)
                continue;
            while (instances.Idle.Count > 0)
            {
                RetireOldest(config, instances);
                retired++;
            }
        }
        return retired;
    }

    private async Task StartAsync(FunctionInstance instance)
    {
        await Task.Delay(options.ColdStart, time).ConfigureAwait(false);
        lock (gate)
            OnReady(instance);
    }

    /// <summary>Called under the lock when a cold start ends.</summary>
    private void OnReady(FunctionInstance instance)
    {
        accounting.Of(instance.Config.EventType).Starting--;
        instance.State = InstanceState.Idle;
        if (instance.Claimed)
            return;
        var instances = Of(instance.Config);
        instances.Unclaimed.Remove(instance);
        AddIdle(instances, instance);
    }

    private void RetireOldest(MetricConfig config, ConfigInstances instances)
    {
        instances.Idle.RemoveFirst();
        accounting.InstanceRetired(config.EventType);
    }
}
