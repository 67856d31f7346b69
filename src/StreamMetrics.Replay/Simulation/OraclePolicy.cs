using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// The limit: run with <see cref="PolicySpec.SeesFuture"/>, every instance is started exactly one cold-start before the
/// invocation that needs it, and an idle instance is kept only when it is used again within a cold-start time (keeping
/// it is then cheaper than restarting it); otherwise it is retired the moment it goes idle. Zero cold starts, least cost.
/// </summary>
internal sealed class OraclePolicy(TimeSpan coldStart) : IScalingPolicy
{
    private ScaleDecision? _decision;

    public string Name => "oracle";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now) =>
        _decision ??= new ScaleDecision(input.Scope, 0, "clairvoyant") { IdleTimeout = coldStart, HoldsUntil = DateTimeOffset.MaxValue };
}
