using System.Threading.Channels;
using Akka.Streams;
using Akka.Streams.Dsl;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// <see cref="PipelineGraph"/>'s shape with every stage passing its element through: the same intake, Select, divert,
/// SelectAsyncUnordered and SelectAsync stages and <see cref="PublishAndReleaseSink"/> with the same parallelism, each
/// record carried by a pooled <see cref="PipelineEvent"/> as there. What it costs is the framework's share of the pipeline's cost.
/// </summary>
internal static class IdentityGraph
{
    public static Task Run(ChannelReader<ConsumedMessage> input, int workerParallelism, IMaterializer materializer)
    {
        var events = new PipelineEventPool();
        var deadLetters = Flow.Create<PipelineEvent>()
            .SelectAsync(PipelineGraph.DeadLetterPublishesInFlight, PassAsync)
            .ToMaterialized(Sink.ForEach<PipelineEvent>(events.Return), Keep.Right);
        var accepted = Flow.Create<PipelineEvent>()
            .Select(Pass)
            .Select(Pass)
            .SelectAsyncUnordered(Math.Max(PipelineGraph.MaxConcurrentInvocations, workerParallelism), PassAsync)
            .ToMaterialized(new PublishAndReleaseSink(PipelineGraph.MetricPublishesInFlight, PassAsync, Ignore, events.Return), Keep.Right);
        var ((_, deadLettersDone), eventsDone) = ChannelSource.FromReader(new PipelineIntake(input, events))
            .ViaMaterialized(KillSwitches.Single<PipelineEvent>(), Keep.Right)
            .Select(Pass)
            .ViaMaterialized(DivertStage<PipelineEvent>.To(deadLetters, IsRejected), Keep.Both)
            .ToMaterialized(accepted, Keep.Both)
            .Run(materializer);
        return Task.WhenAll(deadLettersDone, eventsDone);
    }

    private static PipelineEvent Pass(PipelineEvent record) => record;

    /// <summary>Passes the record on at once, with its carrier's completed task, as the pipeline's stages do when they finish at once.</summary>
    private static Task<PipelineEvent> PassAsync(PipelineEvent record) => record.Completed;

    private static void Ignore(PipelineEvent record)
    {
    }

    private static bool IsRejected(PipelineEvent record) => record.Message.Value.Length == 0;
}
