namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// Which point of the predictive frontier dominates each baseline policy: a point dominates a run when it has no more
/// cold starts and no more instance-seconds. The baselines are the evaluated per-type policies other than
/// <c>predictive</c>; the oracles are limits, not rivals.
/// </summary>
public static class FrontierDominance
{
    /// <summary>For each baseline, the setting of the cheapest frontier point that dominates it, or null when none does.</summary>
    public static IReadOnlyDictionary<string, double?> Of(
        IReadOnlyList<FrontierPoint> frontier,
        IEnumerable<(string Name, long ColdStarts, double InstanceSeconds)> baselines) =>
        baselines.ToDictionary(
            b => b.Name,
            b => frontier
                .Where(p => p.ColdStarts <= b.ColdStarts && p.InstanceSeconds <= b.InstanceSeconds)
                .OrderBy(p => p.InstanceSeconds)
                .Select(p => (double?)p.Setting)
                .FirstOrDefault(),
            StringComparer.Ordinal);
}
