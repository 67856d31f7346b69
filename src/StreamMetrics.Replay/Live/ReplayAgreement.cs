namespace StreamMetrics.Replay.Live;

/// <summary>How far the live run is from the simulator's run of the same invocations.</summary>
/// <param name="ColdStarts">(live − simulated) / simulated cold starts.</param>
/// <param name="InstanceSeconds">(live − simulated) / simulated instance-seconds.</param>
/// <param name="Tolerance">The agreement asked for, as a fraction (0.1 = within 10 %).</param>
/// <param name="Within">Both differences within the tolerance.</param>
public sealed record ReplayAgreement(double ColdStarts, double InstanceSeconds, double Tolerance, bool Within)
{
    public static ReplayAgreement Of(ReplayTotals live, ReplayTotals simulated, double tolerance)
    {
        var coldStarts = Relative(live.ColdStarts, simulated.ColdStarts);
        var instanceSeconds = Relative(live.InstanceSeconds, simulated.InstanceSeconds);
        return new ReplayAgreement(
            Math.Round(coldStarts, 4), Math.Round(instanceSeconds, 4), tolerance,
            Math.Abs(coldStarts) <= tolerance && Math.Abs(instanceSeconds) <= tolerance);
    }

    private static double Relative(double live, double simulated) =>
        simulated == 0 ? (live == 0 ? 0 : double.PositiveInfinity) : (live - simulated) / simulated;
}
