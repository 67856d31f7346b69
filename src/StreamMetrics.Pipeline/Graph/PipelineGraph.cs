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
    /// Events whose metrics are being published at once. Each waits for the producer's linger and the broker's
    /// acknowledgement, so the sink passes at most this many events per such round trip: 8192 allows several hundred
    /// thousand events/s at a 10 to 20 ms round trip, where 1024 capped the service well below what the cluster
    /// delivers. It also caps what is redelivered after a crash; the consumer's channel (10,000 records) holds more.
    /// </summary>
    public const int MetricPublishesInFlight = 8192;

    /// <summary>Dead letters being published at once; bad input is rare, so a small number suffices.</summary>
    public const int DeadLetterPublishesInFlight = 16;

    /// <summary>
    /// Invocations started at once by the stream, at least; the worker pool's own, changeable limit decides how many really
    /// run. Unordered, so one long invocation does not hold back the ones behind it (offsets are released in order anyway).
    /// </summary>
    public const int MaxConcurrentInvocations = 256;

    public static (UniqueKillSwitch KillSwitch, Task Completion) Run(
        ChannelReader<ConsumedMessage> input,
        PipelineStages stages,
        IMaterializer materializer)
    {
        var deadLetters = Flow.Create<DecodedMessage>()
            .SelectAsync(DeadLetterPublishesInFlight, stages.DeadLetter.PublishAsync)
            .ToMaterialized(Sink.ForEach<ConsumedMessage>(stages.Offsets.Release), Keep.Right);

        var arrivals = stages.EventTime is { } eventTime
            ? Flow.Create<DecodedMessage>().SelectAsyncUnordered(EventTimeStage.MaxHeld, eventTime.AwaitAsync)
            : Flow.Create<DecodedMessage>();
        var events = arrivals
            .Select(stages.Forecast.Tag)
            .Select(stages.Configure.Attach)
            .SelectAsyncUnordered(Math.Max(MaxConcurrentInvocations, stages.Workers.MaxParallelism), stages.Workers.RunAsync)
            .SelectAsync(MetricPublishesInFlight, stages.Metrics.PublishAsync)
            .ToMaterialized(Sink.ForEach<ConsumedMessage>(stages.Offsets.Release), Keep.Right);

        var ((killSwitch, deadLettersDone), eventsDone) = ChannelSource.FromReader(input)
            .ViaMaterialized(KillSwitches.Single<ConsumedMessage>(), Keep.Right)
            .Select(stages.Decode.Decode)
            .DivertToMaterialized(deadLetters, decoded => decoded.IsRejected, Keep.Both)
            .ToMaterialized(events, Keep.Both)
            .Run(materializer);

        return (killSwitch, Task.WhenAll(deadLettersDone, eventsDone));
    }
}
