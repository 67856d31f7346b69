namespace StreamMetrics.Core.Profiles;

/// <summary>What counts as a type's high load: its busiest share of buckets.</summary>
public static class HighLoad
{
    /// <summary>
    /// The smallest count among the top <paramref name="share"/> (at least one) of <paramref name="counts"/>, which it
    /// sorts in place; 0 for none.
    /// </summary>
    public static double Level(Span<double> counts, double share)
    {
        if (counts.Length == 0)
            return 0;
        counts.Sort();
        var top = Math.Max(1, (int)Math.Ceiling(share * counts.Length));
        return counts[^top];
    }
}
