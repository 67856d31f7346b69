using System.Diagnostics;

namespace StreamMetrics.TestSupport;

/// <summary>
/// Awaits a condition that other threads make true, so no test sleeps a fixed time. It fails after the timeout saying
/// what was awaited and what was last seen.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // The condition is checked 1 ms after the first miss, then at twice the interval up to every 20 ms: short waits end
    // quickly and long ones cost the shared machine little.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(20);

    /// <summary>Completes once <paramref name="condition"/> holds; fails with <paramref name="describe"/>'s text after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task True(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        var pause = FirstPause;
        while (!condition())
        {
            if (watch.Elapsed > limit)
                Assert.Fail($"not reached within {limit.TotalSeconds:0.###} s: {describe()}");
            await Task.Delay(pause);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="timeout"/> (default 10 s).</summary>
    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) => True(condition, () => what, timeout);
}
