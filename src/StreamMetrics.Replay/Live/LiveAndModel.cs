namespace StreamMetrics.Replay.Live;

/// <summary>One figure of the live run beside the simulator's model of it.</summary>
/// <param name="Live">What the pipeline did.</param>
/// <param name="Model">What the model said for the same invocations.</param>
/// <param name="Ratio">Live / model (1 when both are 0).</param>
/// <param name="Within">The ratio within the replay's tolerance of 1.</param>
public sealed record LiveAndModel(long Live, long Model, double Ratio, bool Within)
{
    public static LiveAndModel Of(long live, long model, double tolerance)
    {
        var ratio = model == 0 ? (live == 0 ? 1 : double.PositiveInfinity) : (double)live / model;
        return new LiveAndModel(live, model, Math.Round(ratio, 4), Math.Abs(ratio - 1) <= tolerance);
    }
}
