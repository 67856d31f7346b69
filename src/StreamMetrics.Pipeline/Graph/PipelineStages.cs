using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Hosting;

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

    /// <summary>The carriers of the records in the graph: taken as a record enters, given back by <see cref="Offsets"/>.</summary>
    public required PipelineEventPool Events { get; init; }

    /// <summary>
    /// The stages around <paramref name="components"/>: records go to <paramref name="publisher"/> (Kafka in the service,
    /// memory in the benchmark) and finished offsets to <paramref name="offsetStore"/>.
    /// </summary>
    public static PipelineStages Create(
        ServiceComponents components, IRecordPublisher publisher, IOffsetStore offsetStore, TimeProvider time, bool dispatchAtEventTime, CancellationToken stopping)
    {
        var offsets = new OffsetTracker();
        var events = new PipelineEventPool();
        return new PipelineStages(
            new DecodeStage(new InputDecoder(new InputDecoderOptions(), time), offsets, components.Counters, components.Latencies),
            new ForecastStage(components.Forecaster, components.Pool.Clock, components.Latencies),
            new ConfigureStage(components.Selector, components.Counters, components.Latencies),
            new WorkerPoolStage(components.Pool, components.Latencies, stopping),
            new MetricsSinkStage(publisher, components.Counters, components.Latencies, stopping),
            new DeadLetterStage(publisher, components.Counters, time, stopping),
            new OffsetStage(offsets, offsetStore, events))
        {
            EventTime = dispatchAtEventTime ? new EventTimeStage(time, components.Counters) : null,
            Events = events,
        };
    }
}
