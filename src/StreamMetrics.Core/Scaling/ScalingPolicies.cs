namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The policies the pipeline and the simulator can run by name, one new instance per scope (each keeps its own
/// bounded history). <c>predictive</c> takes its forecaster from <see cref="ForecasterChoice.Default"/>.
/// </summary>
public static class ScalingPolicies
{
    public static readonly IReadOnlyList<string> Names = ["predictive", "kpa", "keepalive", "hybrid", "reactive"];

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
}
