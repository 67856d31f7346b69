namespace StreamMetrics.Core.Scaling;

public sealed class PredictivePolicyOptions
{
    /// <summary>Length of one forecast bucket. Range 1 s to 1 h; default 1 minute (the trace's resolution).</summary>
    public TimeSpan BucketLength { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Scale from the forecast given with each input, when it counts buckets of <see cref="BucketLength"/>, instead of the
    /// policy's own model: in the service that is the type's forecaster, whose state moves with the type's partition to
    /// whichever instance owns it. Default false: the policy's own model (the simulator gives no forecast).
    /// </summary>
    public bool UseGivenForecast { get; init; }

    /// <summary>Leanest <see cref="Headroom"/>: the floor price doubles, the windows shrink to a third and a sixth.</summary>
    public const double MinHeadroom = -0.5;

    /// <summary>Most generous <see cref="Headroom"/>.</summary>
    public const double MaxHeadroom = 20;

    /// <summary>
    /// The cost knob, lean to generous around the base settings (0): the stabilisation window scales by
    /// (1 + headroom)^1.5, the idle timeout of instances above the target by (1 + headroom)^2.5, and the price a warm
    /// floor instance must earn by 1 / (1 + headroom); below 0 each is leaner than its base. Range −0.5 to 20; default 0
    /// (the setting whose cost is closest to <c>oracle-minute</c> on the Azure 2019 sample).
    /// </summary>
    public double Headroom { get; init; }

    /// <summary>Cold starts an instance must be expected to prevent in a bucket to be kept (its price), at headroom 0. Range (0, 1]; default 0.5.</summary>
    public double ColdStartsPerInstanceBucket { get; init; } = 0.5;

    /// <summary>
    /// The most arrivals the pool is sized for in one bucket, as a multiple of the larger of the forecast point and the
    /// scope's recent peak (the most arrivals it had in one bucket, remembered for about <see cref="PeakMemory"/>). A
    /// forecast bound far above both says how unsure the forecaster is, not how much load may come: a combined bound
    /// calibrated on misses around near-exact forecasts (a timer's) can reach a thousand times the point. Range 1 to 100;
    /// default 2.
    /// </summary>
    public double PeakAllowance { get; init; } = 2;

    /// <summary>How long the scope's peak bucket is remembered: it decays by e^(-bucket / memory) per bucket. Range 1 minute to 30 days; default 1 day.</summary>
    public TimeSpan PeakMemory { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Busy share each instance is sized for (Little's law divisor). Range (0, 1]; default 0.7.</summary>
    public double TargetUtilisation { get; init; } = 0.7;

    /// <summary>How long a lower target must persist before the pool shrinks, at headroom 0. Range 0 to 1 h; default 30 s.</summary>
    public TimeSpan StabilisationWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance above the target (started on demand) stays idle before it is retired, at headroom 0. Range 0 to 1 h; default 15 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Factor (1 + headroom)^1.5 on the stabilisation window.</summary>
    internal double StabilisationStretch => Math.Pow(1 + Headroom, 1.5);

    /// <summary>
    /// Factor (1 + headroom)^2.5 on the idle timeout: instances a burst started on demand are the memory that prevents
    /// the next burst's cold starts, so generous settings keep them longest.
    /// </summary>
    internal double IdleTimeoutStretch => Math.Pow(1 + Headroom, 2.5);

    /// <summary>Idle times the scope must have seen before its idle-time history, not the forecast, says whether a bucket sees an arrival. At least 1; default 5.</summary>
    public int MinIdleSamples { get; init; } = 5;

    public void Validate()
    {
        if (BucketLength < TimeSpan.FromSeconds(1) || BucketLength > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BucketLength), $"bucket = {BucketLength.TotalSeconds}s, must be between 1s and 1h");
        if (Headroom is < MinHeadroom or > MaxHeadroom || double.IsNaN(Headroom))
            throw new ArgumentOutOfRangeException(nameof(Headroom), $"headroom = {Headroom}, must be between {MinHeadroom} and {MaxHeadroom}");
        if (TargetUtilisation is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TargetUtilisation), $"target-utilisation = {TargetUtilisation}, must be in (0, 1]");
        if (ColdStartsPerInstanceBucket is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(ColdStartsPerInstanceBucket), $"cold-starts-per-instance-bucket = {ColdStartsPerInstanceBucket}, must be in (0, 1]");
        if (StabilisationWindow < TimeSpan.Zero || StabilisationWindow > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(StabilisationWindow), $"stable-window = {StabilisationWindow.TotalSeconds}s, must be between 0s and 1h");
        if (PeakAllowance is < 1 or > 100 || double.IsNaN(PeakAllowance))
            throw new ArgumentOutOfRangeException(nameof(PeakAllowance), $"peak-allowance = {PeakAllowance}, must be between 1 and 100");
        if (PeakMemory < TimeSpan.FromMinutes(1) || PeakMemory > TimeSpan.FromDays(30))
            throw new ArgumentOutOfRangeException(nameof(PeakMemory), $"peak-memory = {PeakMemory.TotalSeconds}s, must be between 1m and 30d");
        if (MinIdleSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(MinIdleSamples), $"min-idle-samples = {MinIdleSamples}, must be at least 1");
        if (IdleTimeout < TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), $"idle-timeout = {IdleTimeout.TotalSeconds}s, must be between 0s and 1h");
    }
}
