namespace StreamMetrics.Core.Functions;

/// <summary>Where the <c>synthetic</c> function takes an invocation's duration from when the event does not say.</summary>
public enum SyntheticDistribution
{
    /// <summary>Always the configured duration.</summary>
    Fixed,

    /// <summary>Exponentially distributed with the configured duration as mean (many short runs, a long tail).</summary>
    Exponential,
}
