namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The policies the pipeline and the simulator can run by name, one new instance per scope (each keeps its own
/// bounded history). <c>predictive</c> takes its forecaster from <see cref="ForecasterChoice.Default"/>.
/// </summary>
public static class ScalingPolicies
{
    /// <summary>The policies that scale each event type on its own, live and in the simulator.</summary>
    public static readonly IReadOnlyList<string> PerTypeNames = ["predictive", "kpa", "keepalive", "hybrid"];

    /// <summary>Every policy by name: the per-type ones and <c>reactive</c>, the service's pool-wide default.</summary>
    public static readonly IReadOnlyList<string> Names = [.. PerTypeNames, "reactive"];

    /// <summary>A new policy for one scope; throws naming the known policies for anything else.</summary>
    public static IScalingPolicy Create(string name, PredictivePolicyOptions? predictive = null) => name switch
    {
        "predictive" => new PredictivePolicy(ForecasterChoice.Default, predictive),
        "kpa" => new KpaPolicy(),
        "keepalive" => new KeepAlivePolicy(),
        "hybrid" => new HybridHistogramPolicy(),
        "reactive" => new ReactivePolicy(),
        _ => throw new ArgumentException($"policy = '{name}' is unknown: use one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>
    /// Makes one policy per event type, as the simulator makes one per function; throws naming the per-type policies
    /// for anything else. <paramref name="predictive"/> configures <c>predictive</c> (the service gives its forecast
    /// bucket, so the policy scales from the service's forecasts).
    /// </summary>
    public static Func<string, IScalingPolicy> PerType(string name, PredictivePolicyOptions? predictive = null) =>
        PerTypeNames.Contains(name)
            ? _ => Create(name, predictive)
            : throw new ArgumentException($"policy = '{name}' cannot scale each type: use one of {string.Join(", ", PerTypeNames)}", nameof(name));
}
