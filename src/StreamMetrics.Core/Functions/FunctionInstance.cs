using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>One function instance of the pool: launched with its config and recorder, never given another. Guarded by the pool's lock.</summary>
internal sealed class FunctionInstance(string id, MetricConfig config, MetricRecorder recorder)
{
    public string Id { get; } = id;

    public MetricConfig Config { get; } = config;

    public MetricRecorder Recorder { get; } = recorder;

    public InstanceState State { get; set; } = InstanceState.Starting;

    /// <summary>Whether an invocation waits for this instance while it starts (pre-warmed instances start unclaimed).</summary>
    public bool Claimed { get; set; }

    /// <summary>Completes when the cold start is over.</summary>
    public Task Ready { get; set; } = Task.CompletedTask;

    /// <summary>When the cold start ends (the pool clock's timestamp).</summary>
    public long ReadyAt { get; set; }

    /// <summary>When the instance last started running an invocation.</summary>
    public long BusySince { get; set; }

    /// <summary>When the instance last became idle (the keep-alive runs from here).</summary>
    public long IdleSince { get; set; }
}
