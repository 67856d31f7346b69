using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// A function the pool runs for an event. One object serves all instances of its event type and may be called
/// concurrently; per-instance telemetry goes through the <see cref="IMetricRecorder"/> it is handed.
/// </summary>
public interface IFunction
{
    /// <summary>The name config files use (<c>noop</c>, <c>echo</c>, <c>synthetic</c>).</summary>
    string Name { get; }

    ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct);
}
