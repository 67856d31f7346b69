using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// One function instance of the pool: launched with its config and recorder, never given another. What it is doing
/// (starting, claimed, running, idle) is not kept here but by the one type that changes it, <see cref="InstanceLifecycle"/>;
/// the instance only carries its place among its config's running instances, for them to find it without a lookup.
/// </summary>
internal sealed class FunctionInstance(string id, MetricConfig config, MetricRecorder recorder, long readyAt, Task ready, InstanceLifecycle.ConfigInstances home)
{
    public string Id { get; } = id;

    public MetricConfig Config { get; } = config;

    public MetricRecorder Recorder { get; } = recorder;

    /// <summary>When the cold start ends (the pool clock's timestamp).</summary>
    public long ReadyAt { get; } = readyAt;

    /// <summary>Completes when the cold start is over.</summary>
    public Task Ready { get; } = ready;

    /// <summary>Its config's instances in the lifecycle, which hold it in one of their states from its start to its retirement.</summary>
    public InstanceLifecycle.ConfigInstances Home { get; } = home;

    /// <summary>Its index in <see cref="Home"/>'s running instances while it runs (kept by <see cref="RunningInstances"/>); -1 otherwise.</summary>
    public int RunningSlot { get; set; } = -1;
}
