namespace StreamMetrics.Core.Functions;

/// <summary>One event type's share of the worker pool.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="Instances">Its instances (busy + idle + starting), over all its configs.</param>
/// <param name="Busy">Its instances running an invocation.</param>
/// <param name="ColdStarts">Its instances started so far.</param>
/// <param name="Invocations">Its invocations completed so far.</param>
/// <param name="MeanDuration">
/// Recent mean execution time: an exponentially weighted mean with weight 0.1 on the newest invocation, so it follows
/// a change within about ten invocations; zero before the first.
/// </param>
public sealed record TypePoolStatistics(string EventType, int Instances, int Busy, long ColdStarts, long Invocations, TimeSpan MeanDuration)
{
    /// <summary>Its instances still in their cold start (included in <see cref="Instances"/>).</summary>
    public int Starting { get; init; }
}
