using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>Returns the event's payload; records <c>payload_bytes</c> and <c>result_bytes</c> (UTF-8 bytes, 0 for no payload).</summary>
public sealed class EchoFunction : IFunction
{
    public string Name => FunctionCatalog.Echo;

    public ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct)
    {
        if (metrics.Wants(MetricNames.PayloadBytes) || metrics.Wants(MetricNames.ResultBytes))
        {
            var bytes = evt.PayloadBytes;
            metrics.Record(MetricNames.PayloadBytes, bytes);
            metrics.Record(MetricNames.ResultBytes, bytes);
        }
        return ValueTask.FromResult(new FunctionResult(evt.Payload, TimeSpan.Zero));
    }
}
