using StreamMetrics.Core.Configuration;
using StreamMetrics.Replay.Evaluation;

namespace StreamMetrics.Replay.Live;

/// <summary>What to replay live: the slice of the trace and the simulation settings (shared with the simulator's run), the policy, the speed.</summary>
/// <param name="Slice">Trace, durations, functions, minutes, cold start, tick and seed, exactly as <c>evaluate</c> takes them.</param>
/// <param name="Policy">A live policy (<c>ScalingPolicies.PerTypeNames</c>).</param>
/// <param name="Speed">Trace seconds per wall-clock second.</param>
/// <param name="BootstrapServers">A cluster to run on, or null for the embedded one.</param>
/// <param name="Profiles">Profiles and selection thresholds (from <c>--config</c>); functions and pool are the replay's own.</param>
/// <param name="InputTopic">An existing topic to publish and read the trace through, or null for a fresh one per run.</param>
public sealed record ReplaySettings(
    EvaluationRequest Slice, string Policy, double Speed, string? BootstrapServers, StreamMetricsConfig Profiles, string? InputTopic)
{
    /// <summary>The agreement with the simulator that is reported as met.</summary>
    public const double Tolerance = 0.10;

    /// <summary>
    /// librdkafka properties for every Kafka client of the replay (the config file's <c>kafka</c> section with
    /// <c>-X</c> on top), on the embedded cluster as on a real one. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> KafkaProperties { get; init; } = new Dictionary<string, string>();
}
