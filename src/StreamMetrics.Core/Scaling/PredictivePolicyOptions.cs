namespace StreamMetrics.Core.Scaling;

public sealed class PredictivePolicyOptions
{
    /// <summary>Length of one forecast bucket. Range 1 s to 1 h; default 1 minute (the trace's resolution).</summary>
    public TimeSpan BucketLength { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The cost knob: factor on the forecast upper bound used for sizing, and divisor of the arrival probability a
    /// bucket needs to keep a warm instance. Lean &lt; 1 &lt; generous. Range 0.05 to 20; default 1.
    /// </summary>
    public double Headroom { get; init; } = 1;

    /// <summary>Busy share each instance is sized for (Little's law divisor). Range (0, 1]; default 0.7.</summary>
    public double TargetUtilisation { get; init; } = 0.7;

    /// <summary>
    /// Chance of at least one arrival in the coming bucket (Poisson, from the forecast point) above which one instance is
    /// kept warm, at headroom 1. Range (0, 1); default 0.3.
    /// </summary>
    public double WarmFloorProbability { get; init; } = 0.3;

    /// <summary>How long a lower target must persist before the pool shrinks. Range 0 to 1 h; default 60 s.</summary>
    public TimeSpan StabilisationWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an instance above the target (started on demand) stays idle before it is retired. Range 0 to 1 h; default 30 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (BucketLength < TimeSpan.FromSeconds(1) || BucketLength > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BucketLength), $"bucket = {BucketLength.TotalSeconds}s, must be between 1s and 1h");
        if (Headroom is < 0.05 or > 20)
            throw new ArgumentOutOfRangeException(nameof(Headroom), $"headroom = {Headroom}, must be between 0.05 and 20");
        if (TargetUtilisation is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TargetUtilisation), $"target-utilisation = {TargetUtilisation}, must be in (0, 1]");
        if (WarmFloorProbability is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(WarmFloorProbability), $"warm-floor-probability = {WarmFloorProbability}, must be in (0, 1)");
        if (StabilisationWindow < TimeSpan.Zero || StabilisationWindow > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(StabilisationWindow), $"stable-window = {StabilisationWindow.TotalSeconds}s, must be between 0s and 1h");
        if (IdleTimeout < TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), $"idle-timeout = {IdleTimeout.TotalSeconds}s, must be between 0s and 1h");
    }
}
