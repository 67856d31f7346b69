using System.Diagnostics;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>The retirements: only idle instances retire, oldest first, and the pool's figures count each one.</summary>
internal sealed partial class InstanceLifecycle
{
    /// <summary>Retires instances idle for <paramref name="keepAlive"/> or longer and forgets configs left empty; returns how many.</summary>
    public int RetireIdle(TimeSpan keepAlive)
    {
        var retired = 0;
        foreach (var (config, instances) in _byConfig)
        {
            retired += RetireOldestIdle(config, instances, int.MaxValue, keepAlive);
            if (instances.Alive == 0 && instances.Waiters.Count == 0)
                Drop(config, instances);
        }
        return retired;
    }

    /// <summary>Retires the type's instances idle for <paramref name="idleTimeout"/> or longer while it has more than <paramref name="floor"/>, oldest first.</summary>
    public int RetireAbove(string eventType, int floor, TimeSpan idleTimeout)
    {
        var counts = accounting.Of(eventType);
        var retired = 0;
        foreach (var config in counts.Configs)
        {
            if (_byConfig.TryGetValue(config, out var instances))
                retired += RetireOldestIdle(config, instances, counts.Instances - floor, idleTimeout);
        }
        return retired;
    }

    /// <summary>
    /// Retires the type's idle instances of every config but <paramref name="latest"/> once none of the latest's is
    /// starting or claimed: its invocations now ask for that one, so the others only stand in until it is warm and would
    /// then just hold the type's floor. Returns how many.
    /// </summary>
    public int RetireSuperseded(MetricConfig latest)
    {
        if (Of(latest).AnyStartingOrClaimed)
            return 0;
        var retired = 0;
        foreach (var config in accounting.Of(latest.EventType).Configs)
        {
            if (config != latest && _byConfig.TryGetValue(config, out var instances))
                retired += RetireOldestIdle(config, instances, int.MaxValue, TimeSpan.Zero);
        }
        return retired;
    }

    /// <summary>
    /// The pool forgets <paramref name="eventType"/>, which has nothing in flight and nothing starting: its idle
    /// instances retire as any idle instance does, and its configs and their sampling counters go.
    /// </summary>
    public void Forget(string eventType, TypeInstanceCounts counts)
    {
        foreach (var config in counts.Configs)
        {
            if (_byConfig.TryGetValue(config, out var instances))
            {
                RetireOldestIdle(config, instances, int.MaxValue, TimeSpan.Zero);
                // Nothing in flight or starting: every instance was idle and has retired, so none still points at this entry.
                Debug.Assert(instances.Alive == 0, "a forgotten type has no live instances");
                Drop(config, instances);
            }
            counters.Forget(config);
        }
    }

    /// <summary>Retires up to <paramref name="most"/> of the config's instances idle for <paramref name="idleFor"/> or longer, oldest first.</summary>
    private int RetireOldestIdle(MetricConfig config, ConfigInstances instances, int most, TimeSpan idleFor)
    {
        var retired = 0;
        while (retired < most && instances.Idle.TryPeekOldest(out var oldest) && time.GetElapsedTime(oldest.Since) >= idleFor)
        {
            instances.Idle.RemoveOldest();
            accounting.InstanceRetired(config.EventType);
            retired++;
        }
        return retired;
    }

    /// <summary>Lets go of a config's entry, marked so that a type that kept it (its latest config's) looks it up again.</summary>
    private void Drop(MetricConfig config, ConfigInstances instances)
    {
        instances.Dropped = true;
        _byConfig.Remove(config);
    }
}
