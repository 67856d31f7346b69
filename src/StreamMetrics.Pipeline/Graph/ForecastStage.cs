using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Counts the event and its payload bytes in its type's current bucket and tags it with the type's predicted load.</summary>
internal sealed class ForecastStage(LoadForecaster forecaster, StageLatencies latencies)
{
    public PipelineEvent Tag(PipelineEvent decoded)
    {
        if (decoded.IsRejected)
            throw new InvalidOperationException("rejected records are diverted before forecasting");
        var evt = decoded.Event;
        var start = latencies.Start(latencies.Forecast);
        decoded.Predicted = forecaster.ObserveLoad(evt.Type, evt.PayloadBytes);
        latencies.Record(latencies.Forecast, start);
        return decoded;
    }
}
