using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Counts the event and its payload bytes in its type's current bucket and tags it with the type's predicted load. The
/// event's arrival is read here, on the worker pool's <paramref name="clock"/>, once for the forecaster and the pool.
/// </summary>
internal sealed class ForecastStage(LoadForecaster forecaster, ClockReader clock, StageLatencies latencies)
{
    public PipelineEvent Tag(PipelineEvent decoded)
    {
        if (decoded.IsRejected)
            throw new InvalidOperationException("rejected records are diverted before forecasting");
        var evt = decoded.Event;
        var start = latencies.Start(latencies.Forecast);
        var arrived = clock.Read();
        decoded.Arrived = arrived;
        decoded.Predicted = forecaster.ObserveLoad(evt.Type, evt.PayloadBytes, arrived.UtcNow);
        latencies.Record(latencies.Forecast, start);
        return decoded;
    }
}
