using System.Globalization;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// The policies the simulator knows by name: the pipeline's (<see cref="ScalingPolicies"/>, so both run the same code)
/// and the two that see the future, which only a simulator can run.
/// </summary>
public static class PolicyCatalog
{
    public static readonly IReadOnlyList<string> Names = ["predictive", "kpa", "keepalive", "hybrid", "oracle", "oracle-minute"];

    /// <summary>The policies a live pipeline can run: the oracles need the future of the trace.</summary>
    public static readonly IReadOnlyList<string> LiveNames = ["predictive", "kpa", "keepalive", "hybrid"];

    /// <summary>Headroom settings of the predictive frontier, lean to generous.</summary>
    public static readonly IReadOnlyList<double> FrontierHeadrooms = [-0.5, -0.3, 0, 0.25, 0.5, 1, 1.5, 2, 3, 4];

    /// <summary>The policy named <paramref name="name"/>; throws naming the known ones for anything else.</summary>
    public static PolicySpec Get(string name) => name switch
    {
        "predictive" or "kpa" or "keepalive" or "hybrid" => new PolicySpec(name, _ => ScalingPolicies.Create(name)),
        "oracle" => new PolicySpec(name, c => new OraclePolicy(c.ColdStart), SeesFuture: true),
        "oracle-minute" => new PolicySpec(name, c => new OracleMinutePolicy(c.PeakPerMinute!, c.Origin, c.ColdStart + c.Tick), NeedsMinutePeaks: true),
        _ => throw new ArgumentException($"policy = '{name}' is unknown: use one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>
    /// Per-type policies for the live pipeline, made by the same factories the simulator uses: one policy per event type,
    /// created when the type is first seen at <paramref name="origin"/>.
    /// </summary>
    public static Func<string, IScalingPolicy> Live(string name, TimeSpan coldStart, TimeSpan tick, DateTimeOffset origin)
    {
        if (!LiveNames.Contains(name))
            throw new ArgumentException($"policy = '{name}' cannot run live: use one of {string.Join(", ", LiveNames)}", nameof(name));
        var spec = Get(name);
        return type => spec.Create(new PolicyContext(type, coldStart, tick, origin, null));
    }

    /// <summary>The predictive policy at one headroom setting.</summary>
    public static PolicySpec Predictive(double headroom, string? name = null) => new(
        name ?? $"predictive@{headroom.ToString(CultureInfo.InvariantCulture)}",
        _ => ScalingPolicies.Create("predictive", new PredictivePolicyOptions { Headroom = headroom }));
}
