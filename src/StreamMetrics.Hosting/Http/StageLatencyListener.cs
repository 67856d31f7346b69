using System.Diagnostics.Metrics;
using Prometheus;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// Carries one service's stage latencies into the Prometheus histograms: a measurement goes straight to its histogram's
/// bucket counters (no allocation, no lock), and instruments of other services' meters are left alone.
/// </summary>
internal sealed class StageLatencyListener : IDisposable
{
    private readonly MeterListener _listener = new();

    public StageLatencyListener(StageLatencies latencies, PrometheusExporter exporter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, latencies.Meter))
                return;
            var histogram = ReferenceEquals(instrument, latencies.EndToEnd) ? exporter.EndToEnd : exporter.Stage(StageLatencies.StageName(instrument));
            listener.EnableMeasurementEvents(instrument, histogram);
        };
        _listener.SetMeasurementEventCallback<double>(static (_, seconds, _, histogram) => ((IHistogram)histogram!).Observe(seconds));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
