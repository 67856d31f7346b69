using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Sends a record that is not a valid event to the dead-letter topic, with its reason and its original bytes.</summary>
internal sealed class DeadLetterStage(IRecordPublisher publisher, PipelineCounters counters, TimeProvider time, CancellationToken stopping)
{
    public async Task<PipelineEvent> PublishAsync(PipelineEvent rejected)
    {
        var letter = DeadLetter.Of(rejected.Message, rejected.Rejection ?? "unknown", time.GetUtcNow());
        await publisher.PublishAsync(StandardTopics.DeadLetter, null, AvroCodecs.DeadLetter.Encode(letter), stopping).ConfigureAwait(false);
        counters.DeadLetter();
        return rejected;
    }
}
