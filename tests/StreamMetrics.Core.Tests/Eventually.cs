using System.Diagnostics;

namespace StreamMetrics.Core.Tests;

/// <summary>Awaits a condition that other threads make true, failing with a description of it after a timeout.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
                Assert.Fail($"timed out after {limit.TotalSeconds:0}s waiting for: {what}");
            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
