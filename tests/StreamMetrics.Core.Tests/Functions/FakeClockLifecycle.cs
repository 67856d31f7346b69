using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>An <see cref="InstanceLifecycle"/> on a fake clock, with the lock and the accounting a worker pool would give it.</summary>
internal sealed class FakeClockLifecycle
{
    public static readonly TimeSpan ColdStart = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a test waits for what the clock's timers set off.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    /// <summary>Two configs of one type, for profile switches, and one of another type.</summary>
    public static readonly MetricConfig Standard = new("checkout", BuiltInProfiles.Standard);

    public static readonly MetricConfig Debug = new("checkout", BuiltInProfiles.Debug);

    public static readonly MetricConfig Search = new("search", BuiltInProfiles.Standard);

    public FakeClockLifecycle()
    {
        Accounting = new PoolAccounting(Time, new Dictionary<string, TimeSpan>(), new TypeTableOptions(), (type, counts) => Lifecycle!.Forget(type, counts));
        Lifecycle = new InstanceLifecycle(new WorkerPoolOptions { ColdStart = ColdStart }, Time, new SamplingCounters(), Accounting, Gate);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    /// <summary>The lock every call takes, as the pool's; the lifecycle takes it itself when a cold start ends.</summary>
    public Lock Gate { get; } = new();

    public PoolAccounting Accounting { get; }

    public InstanceLifecycle Lifecycle { get; }

    public T Locked<T>(Func<InstanceLifecycle, T> act)
    {
        lock (Gate)
            return act(Lifecycle);
    }

    public void Locked(Action<InstanceLifecycle> act)
    {
        lock (Gate)
            act(Lifecycle);
    }
}
