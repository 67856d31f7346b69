using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>A function that runs until the test releases it, counting how many run at once.</summary>
internal sealed class BlockingFunction : IFunction
{
    private readonly SemaphoreSlim _release = new(0);
    private int _running;
    private int _maxRunning;

    public string Name => "blocking";

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Release(int count) => _release.Release(count);

    public async ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
        }
        try
        {
            await _release.WaitAsync(ct);
            return FunctionResult.Empty;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
