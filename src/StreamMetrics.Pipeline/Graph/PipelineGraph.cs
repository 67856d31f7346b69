using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// The service's stream (ARCHITECTURE.md): source -> decode -> forecast -> configure -> worker pool -> metrics sink ->
/// offset release, with records that are no events diverted to the dead-letter topic. Each stage only asks Core
/// (forecaster, profile selector, worker pool) or the Kafka adapters (input decoder, codecs, publisher, offset tracker,
/// consumer); none talks to Kafka itself.
/// </summary>
internal static class PipelineGraph
{
    /// <summary>
    /// Events whose metrics are being published at once. The producer batches (linger), so many events must be in flight
    /// for the sink to keep up; the bound also caps what is redelivered after a crash.
    /// </summary>
    public const int MetricPublishesInFlight = 1024;

    /// <summary>Dead letters being published at once; bad input is rare, so a small number suffices.</summary>
    public const int DeadLetterPublishesInFlight = 16;

    /// <summary>
    /// Invocations started at once by the stream, at least; the worker pool's own, changeable limit decides how many really
    /// run. Unordered, so one long invocation does not hold back the ones behind it (offsets are released in order anyway).
    /// </summary>
    public const int MaxConcurrentInvocations = 256;

    /// <summary>
    /// The most events inside the graph at once: every stage that holds events while it waits (the event-time hold, the
    /// invocations, the metric and dead-letter publishes) holds at most its parallelism, and the others pass each event
    /// on as they take it. With the consumer's held records (<see cref="EventConsumer.HeldLimit"/>) this caps the events in
    /// flight, whatever the input rate: past it, intake waits.
    /// </summary>
    public static int EventsLimit(PipelineStages stages) =>
        (stages.EventTime is null ? 0 : EventTimeStage.MaxHeld)
        + Math.Max(MaxConcurrentInvocations, stages.Workers.MaxParallelism)
        + MetricPublishesInFlight
        + DeadLetterPublishesInFlight;

    public static (UniqueKillSwitch KillSwitch, Task Completion) Run(
        ChannelReader<ConsumedMessage> input,
        PipelineStages stages,
        IMaterializer materializer)
    {
        var deadLetters = Flow.Create<PipelineEvent>()
            .SelectAsync(DeadLetterPublishesInFlight, stages.DeadLetter.PublishAsync)
            .ToMaterialized(Sink.ForEach<PipelineEvent>(stages.Offsets.Release), Keep.Right);

        var arrivals = stages.EventTime is { } eventTime
            ? Flow.Create<PipelineEvent>().SelectAsyncUnordered(EventTimeStage.MaxHeld, eventTime.AwaitAsync)
            : Flow.Create<PipelineEvent>();
        var events = arrivals
            .Select(stages.Forecast.Tag)
            .Select(stages.Configure.Attach)
            .SelectAsyncUnordered(Math.Max(MaxConcurrentInvocations, stages.Workers.MaxParallelism), stages.Workers.RunAsync)
            .ToMaterialized(new PublishAndReleaseSink(
                MetricPublishesInFlight, stages.Metrics.PublishAsync, stages.Metrics.Acknowledged, stages.Offsets.Release), Keep.Right);

        var ((killSwitch, deadLettersDone), eventsDone) = ChannelSource.FromReader(new PipelineIntake(input, stages.Events))
            .ViaMaterialized(KillSwitches.Single<PipelineEvent>(), Keep.Right)
            .Select(stages.Decode.Decode)
            .ViaMaterialized(DivertStage<PipelineEvent>.To(deadLetters, decoded => decoded.IsRejected), Keep.Both)
            .ToMaterialized(events, Keep.Both)
            .Run(materializer);

        return (killSwitch, Task.WhenAll(deadLettersDone, eventsDone));
    }
}
