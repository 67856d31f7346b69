namespace StreamMetrics.Kafka.Tests;

/// <summary>Awaits a condition with a deadline, so tests never sleep a fixed time.</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (cts.IsCancellationRequested)
                Assert.Fail($"not reached within {timeout}: {describe()}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
