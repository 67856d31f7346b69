using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// The graph's side of the input channel: hands out each record already in a <see cref="PipelineEvent"/> taken from the
/// pool. The records themselves are values, and Akka keeps an element in transit between two stages as an object, so a
/// record entering the graph as a value would be boxed at each hop; entering in its pooled carrier, it is boxed nowhere.
/// A record is taken from the input only when the graph asks for one, as it would be without this reader.
/// </summary>
internal sealed class PipelineIntake(ChannelReader<ConsumedMessage> input, PipelineEventPool events) : ChannelReader<PipelineEvent>
{
    public override Task Completion => input.Completion;

    public override bool CanCount => input.CanCount;

    public override int Count => input.Count;

    public override bool TryRead([MaybeNullWhen(false)] out PipelineEvent item)
    {
        if (input.TryRead(out var message))
        {
            item = events.Take(message);
            return true;
        }
        item = null;
        return false;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => input.WaitToReadAsync(cancellationToken);
}
