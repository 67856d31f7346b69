namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Scales to the concurrency needed now: (arrivals/s x mean duration, or executing instances if higher) / target utilisation,
/// moving at most <see cref="ReactivePolicyOptions.MaxScaleUpRate"/> up and <see cref="ReactivePolicyOptions.MaxScaleDownRate"/> down per decision.
/// </summary>
public sealed class ReactivePolicy : IScalingPolicy
{
    private readonly ReactivePolicyOptions _options;

    public ReactivePolicy(ReactivePolicyOptions? options = null)
    {
        _options = options ?? new ReactivePolicyOptions();
        _options.Validate();
    }

    public string Name => "reactive";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        // Little's law: concurrency = arrival rate x time in system.
        var concurrency = Math.Max(input.ExecutingInstances, input.ArrivalsPerSecond * input.ExpectedDuration.TotalSeconds);
        var wanted = (int)Math.Ceiling(concurrency / _options.TargetUtilisation);
        var current = input.CurrentInstances;
        var upperStep = (int)Math.Ceiling(Math.Max(1, current) * _options.MaxScaleUpRate);
        var lowerStep = (int)Math.Floor(current / _options.MaxScaleDownRate);
        var bounded = Math.Clamp(wanted, lowerStep, upperStep);
        var desired = Math.Clamp(bounded, _options.MinInstances, _options.MaxInstances);
        var reason = $"concurrency {concurrency:F2} / utilisation {_options.TargetUtilisation:F2} -> {wanted}";
        return new ScaleDecision(input.Scope, desired, desired == wanted ? reason : $"{reason}, bounded to {desired}");
    }
}
