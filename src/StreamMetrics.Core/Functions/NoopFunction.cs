using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>Does nothing: measures the pool's own overhead.</summary>
public sealed class NoopFunction : IFunction
{
    public string Name => FunctionCatalog.Noop;

    public ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct) => ValueTask.FromResult(FunctionResult.Empty);
}
