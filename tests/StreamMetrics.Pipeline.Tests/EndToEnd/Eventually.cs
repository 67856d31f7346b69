namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>Awaits a condition with a deadline; the failure says what was awaited and what was last seen.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail($"not reached within {timeout.TotalSeconds:F0}s: {describe()}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
