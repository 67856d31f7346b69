namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Forecast buckets start at whole multiples of their length since the epoch, and a bucket that closes resets its
/// arrival count. A test comparing counts across a crash picks a bucket length whose current bucket stays open for the
/// whole test: among lengths of 50 to 60 minutes, whose boundaries fall at unrelated times, the one with the most time left.
/// </summary>
internal static class ForecastBuckets
{
    public static TimeSpan ClearOfBoundary(DateTimeOffset now, TimeSpan needed)
    {
        var best = Enumerable.Range(50, 11)
            .Select(minutes => TimeSpan.FromMinutes(minutes))
            .Select(length => (Length: length, Left: length - TimeSpan.FromTicks(now.UtcTicks % length.Ticks)))
            .MaxBy(b => b.Left);
        Assert.True(best.Left >= needed, $"every bucket length of 50 to 60 minutes closes within {needed.TotalMinutes:0} minutes of {now:O}");
        return best.Length;
    }
}
