using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// <see cref="PipelineGraph"/>'s shape with every stage passing its element through: the same Select, divert,
/// SelectAsyncUnordered and SelectAsync stages with the same parallelism. What it costs is the framework's share of the
/// pipeline's cost.
/// </summary>
internal static class IdentityGraph
{
    public static Task Run(ChannelReader<ConsumedMessage> input, int workerParallelism, IMaterializer materializer)
    {
        var deadLetters = Flow.Create<ConsumedMessage>()
            .SelectAsync(PipelineGraph.DeadLetterPublishesInFlight, PassAsync)
            .ToMaterialized(Sink.ForEach<ConsumedMessage>(Finish), Keep.Right);
        var events = Flow.Create<ConsumedMessage>()
            .Select(Pass)
            .Select(Pass)
            .SelectAsyncUnordered(Math.Max(PipelineGraph.MaxConcurrentInvocations, workerParallelism), PassAsync)
            .SelectAsync(PipelineGraph.MetricPublishesInFlight, PassAsync)
            .ToMaterialized(Sink.ForEach<ConsumedMessage>(Finish), Keep.Right);
        var ((_, deadLettersDone), eventsDone) = ChannelSource.FromReader(input)
            .ViaMaterialized(KillSwitches.Single<ConsumedMessage>(), Keep.Right)
            .Select(Pass)
            .DivertToMaterialized(deadLetters, IsRejected, Keep.Both)
            .ToMaterialized(events, Keep.Both)
            .Run(materializer);
        return Task.WhenAll(deadLettersDone, eventsDone);
    }

    private static ConsumedMessage Pass(ConsumedMessage message) => message;

    private static Task<ConsumedMessage> PassAsync(ConsumedMessage message) => Task.FromResult(message);

    private static bool IsRejected(ConsumedMessage message) => message.Value.Length == 0;

    private static void Finish(ConsumedMessage message)
    {
    }
}
