namespace StreamMetrics.Core.Functions;

/// <summary>
/// Turns the difference of two timestamps of one <see cref="TimeProvider"/> into a time span by exactly the arithmetic
/// of <see cref="TimeProvider.GetElapsedTime(long, long)"/>, which reads the provider's frequency (a virtual call) every
/// time: the pool converts several differences per invocation, so it reads the frequency once.
/// </summary>
internal readonly struct TimestampScale(TimeProvider time)
{
    private readonly double _ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / time.TimestampFrequency;

    /// <summary>The time from <paramref name="from"/> to <paramref name="to"/>, as <see cref="TimeProvider.GetElapsedTime(long, long)"/> gives it.</summary>
    public TimeSpan Between(long from, long to) => new((long)((to - from) * _ticksPerTimestamp));
}
