namespace StreamMetrics.Pipeline.Graph;

/// <summary>The stages the graph strings together, built once per service.</summary>
internal sealed record PipelineStages(
    DecodeStage Decode,
    ForecastStage Forecast,
    ConfigureStage Configure,
    WorkerPoolStage Workers,
    MetricsSinkStage Metrics,
    DeadLetterStage DeadLetter,
    OffsetStage Offsets)
{
    /// <summary>When set, events wait for their timestamp before the forecast stage (trace replay); else they go on as they come.</summary>
    public EventTimeStage? EventTime { get; init; }
}
