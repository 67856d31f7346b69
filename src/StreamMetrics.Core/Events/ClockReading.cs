namespace StreamMetrics.Core.Events;

/// <summary>
/// One reading of both clocks of a <see cref="TimeProvider"/> (see <see cref="ClockReader"/>): its timestamp, which
/// durations are measured on, and its UTC time, which forecast buckets and metric samples are stamped with.
/// </summary>
/// <param name="Timestamp">The provider's timestamp (<see cref="TimeProvider.GetTimestamp"/>).</param>
/// <param name="UtcTicks">The provider's UTC time at that timestamp, in ticks.</param>
public readonly record struct ClockReading(long Timestamp, long UtcTicks)
{
    /// <summary>The UTC time of the reading.</summary>
    public DateTimeOffset UtcNow => new(UtcTicks, TimeSpan.Zero);
}
