namespace StreamMetrics.Core.Workload;

/// <summary>A surge: from <paramref name="Start"/> for <paramref name="Length"/> (both fractions of the run) the rate is multiplied.</summary>
public sealed record Burst(double Start, double Length, double Multiplier)
{
    public bool Covers(double position) => position >= Start && position < Start + Length;
}
