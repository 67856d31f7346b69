using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Publishes an invocation's sampled metrics to its profile's topic and completes only when Kafka acknowledged them all,
/// so the input offset is released after its metrics are safe (at-least-once).
/// </summary>
internal sealed class MetricsSinkStage(RecordPublisher publisher, PipelineCounters counters, CancellationToken stopping)
{
    public async Task<ConsumedMessage> PublishAsync(ProcessedEvent processed)
    {
        var samples = processed.Invocation.Samples;
        var acknowledgements = new Task[samples.Count];
        var sizes = new int[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var record = AvroCodecs.MetricSample.Encode(sample);
            sizes[i] = record.Length;
            acknowledgements[i] = publisher.PublishAsync(StandardTopics.MetricsTopic(sample.Profile), sample.EventType, record, stopping);
        }
        await Task.WhenAll(acknowledgements).ConfigureAwait(false);
        for (var i = 0; i < samples.Count; i++)
            counters.MetricRecord(StandardTopics.MetricsTopic(samples[i].Profile), sizes[i]);
        counters.Processed(processed.Event.Type);
        return processed.Message;
    }
}
