namespace StreamMetrics.Core.Scaling;

public sealed class ReactivePolicyOptions
{
    /// <summary>Share of an instance's time that should be busy. Range (0, 1]; default 0.7.</summary>
    public double TargetUtilisation { get; init; } = 0.7;

    /// <summary>Largest factor by which one decision may grow the instance count. At least 1; default 10.</summary>
    public double MaxScaleUpRate { get; init; } = 10;

    /// <summary>Largest factor by which one decision may shrink the instance count. At least 1; default 2.</summary>
    public double MaxScaleDownRate { get; init; } = 2;

    /// <summary>Fewest instances kept. Default 0 (scale to zero).</summary>
    public int MinInstances { get; init; }

    /// <summary>Most instances allowed. Default 64.</summary>
    public int MaxInstances { get; init; } = 64;

    public void Validate()
    {
        if (TargetUtilisation is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TargetUtilisation), $"target-utilisation = {TargetUtilisation}, must be in (0, 1]");
        if (MaxScaleUpRate < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxScaleUpRate), $"max-scale-up-rate = {MaxScaleUpRate}, must be at least 1");
        if (MaxScaleDownRate < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxScaleDownRate), $"max-scale-down-rate = {MaxScaleDownRate}, must be at least 1");
        if (MinInstances < 0 || MaxInstances < Math.Max(1, MinInstances))
            throw new ArgumentOutOfRangeException(nameof(MaxInstances), $"min-instances = {MinInstances}, max-instances = {MaxInstances}: need 0 <= min <= max and max >= 1");
    }
}
