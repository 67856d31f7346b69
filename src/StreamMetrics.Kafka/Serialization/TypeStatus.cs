namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// What an event type ran with when its forecast was made, carried on <c>forecasts</c> so that anyone who reads the
/// topic sees the profile and the pool per type, without a connection to the service. Null where the writer did not say
/// (records of the first <c>Forecast</c> schema).
/// </summary>
/// <param name="Profile">The metric profile its events run with now; null before the first one ran.</param>
/// <param name="Instances">Its instances in the worker pool: starting, idle or executing.</param>
/// <param name="Executing">Of those, the instances executing an invocation.</param>
/// <param name="ColdStarts">Its instances started so far by the writing service instance, pre-warmed ones included.</param>
public sealed record TypeStatus(string? Profile, int? Instances, int? Executing, long? ColdStarts)
{
    /// <summary>Nothing known.</summary>
    public static TypeStatus Unknown { get; } = new(null, null, null, null);
}
