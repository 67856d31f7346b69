using System.Globalization;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// The policies the simulator knows by name: the pipeline's per-type policies (<see cref="ScalingPolicies"/>, so both
/// run the same code) and the two that see the future, which only a simulator can run.
/// </summary>
public static class PolicyCatalog
{
    private const string Oracle = "oracle";
    private const string OracleMinute = "oracle-minute";

    public static readonly IReadOnlyList<string> Names = [.. ScalingPolicies.PerTypeNames, Oracle, OracleMinute];

    /// <summary>Headroom settings of the predictive frontier, lean to generous.</summary>
    public static readonly IReadOnlyList<double> FrontierHeadrooms = [-0.5, -0.3, 0, 0.25, 0.5, 1, 1.5, 2, 3, 4];

    /// <summary>The policy named <paramref name="name"/>; throws naming the known ones for anything else.</summary>
    public static PolicySpec Get(string name) => name switch
    {
        Oracle => new PolicySpec(name, c => new OraclePolicy(c.ColdStart), SeesFuture: true),
        OracleMinute => new PolicySpec(name, c => new OracleMinutePolicy(c.PeakPerMinute!, c.Origin, c.ColdStart + c.Tick), NeedsMinutePeaks: true),
        _ when ScalingPolicies.PerTypeNames.Contains(name) => new PolicySpec(name, _ => ScalingPolicies.Create(name)),
        _ => throw new ArgumentException($"policy = '{name}' is unknown: use one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The predictive policy at one headroom setting.</summary>
    public static PolicySpec Predictive(double headroom, string? name = null) => new(
        name ?? $"predictive@{headroom.ToString(CultureInfo.InvariantCulture)}",
        _ => ScalingPolicies.Create("predictive", new PredictivePolicyOptions { Headroom = headroom }));
}
