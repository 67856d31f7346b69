namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Knative Pod Autoscaler settings. Defaults are Knative's published defaults: <c>defaultConfig()</c> in
/// knative/serving <c>pkg/autoscaler/config/config.go</c> (the <c>config-autoscaler</c> ConfigMap), and the 2 s
/// tick of <c>pkg/autoscaler/scaling/multiscaler.go</c>.
/// </summary>
public sealed class KpaPolicyOptions
{
    /// <summary>Window whose mean concurrency drives stable mode (<c>stable-window</c>). Range 6 s to 1 h; default 60 s.</summary>
    public TimeSpan StableWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Panic window as a share of the stable window (<c>panic-window-percentage</c>, 10 % => 6 s). Range 1..100; default 10.</summary>
    public double PanicWindowPercentage { get; init; } = 10;

    /// <summary>Panic starts when panic-window demand reaches this share of ready capacity (<c>panic-threshold-percentage</c>). Range 110..1000; default 200.</summary>
    public double PanicThresholdPercentage { get; init; } = 200;

    /// <summary>Target share of each instance's concurrency (<c>container-concurrency-target-percentage</c>). Range (0, 1]; default 0.7.</summary>
    public double TargetUtilisation { get; init; } = 0.7;

    /// <summary>Invocations one instance runs at a time (<c>containerConcurrency</c>). At least 1; default 1.</summary>
    public int ContainerConcurrency { get; init; } = 1;

    /// <summary>Most growth per tick as a factor of ready instances (<c>max-scale-up-rate</c>). Above 1; default 1000.</summary>
    public double MaxScaleUpRate { get; init; } = 1000;

    /// <summary>Most shrinkage per tick as a divisor of ready instances (<c>max-scale-down-rate</c>). Above 1; default 2.</summary>
    public double MaxScaleDownRate { get; init; } = 2;

    /// <summary>How long the last instance stays after demand reached zero (<c>scale-to-zero-grace-period</c>). Positive; default 30 s.</summary>
    public TimeSpan ScaleToZeroGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between decisions (Knative's autoscaler tick). Range 100 ms to 1 min; default 2 s.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(2);

    internal int StableBuckets => (int)Math.Max(1, Math.Round(StableWindow / TickInterval));

    internal int PanicBuckets => (int)Math.Max(1, Math.Round(StableWindow * PanicWindowPercentage / 100 / TickInterval));

    public void Validate()
    {
        if (StableWindow < TimeSpan.FromSeconds(6) || StableWindow > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(StableWindow), $"stable-window = {StableWindow.TotalSeconds}s, must be between 6s and 1h");
        if (PanicWindowPercentage is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(PanicWindowPercentage), $"panic-window-percentage = {PanicWindowPercentage}, must be between 1 and 100");
        if (PanicThresholdPercentage is < 110 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(PanicThresholdPercentage), $"panic-threshold-percentage = {PanicThresholdPercentage}, must be between 110 and 1000");
        if (TargetUtilisation is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TargetUtilisation), $"target-utilisation = {TargetUtilisation}, must be in (0, 1]");
        if (ContainerConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(ContainerConcurrency), $"container-concurrency = {ContainerConcurrency}, must be at least 1");
        if (MaxScaleUpRate <= 1)
            throw new ArgumentOutOfRangeException(nameof(MaxScaleUpRate), $"max-scale-up-rate = {MaxScaleUpRate}, must be greater than 1");
        if (MaxScaleDownRate <= 1)
            throw new ArgumentOutOfRangeException(nameof(MaxScaleDownRate), $"max-scale-down-rate = {MaxScaleDownRate}, must be greater than 1");
        if (ScaleToZeroGracePeriod <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ScaleToZeroGracePeriod), $"scale-to-zero-grace-period = {ScaleToZeroGracePeriod.TotalSeconds}s, must be positive");
        if (TickInterval < TimeSpan.FromMilliseconds(100) || TickInterval > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(TickInterval), $"tick-interval = {TickInterval.TotalSeconds}s, must be between 100ms and 1m");
    }
}
