namespace StreamMetrics.Pipeline.Graph;

/// <summary>The stages the graph strings together, built once per service.</summary>
internal sealed record PipelineStages(
    DecodeStage Decode,
    ForecastStage Forecast,
    ConfigureStage Configure,
    WorkerPoolStage Workers,
    MetricsSinkStage Metrics,
    DeadLetterStage DeadLetter,
    OffsetStage Offsets);
