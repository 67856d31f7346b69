using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Publishes an invocation's sampled metrics to its profile's topic and completes only when Kafka acknowledged them all,
/// so the input offset is released after its metrics are safe (at-least-once).
/// </summary>
internal sealed class MetricsSinkStage(
    IRecordPublisher publisher, PipelineCounters counters, StageLatencies latencies, CancellationToken stopping)
{
    public async Task<ConsumedMessage> PublishAsync(ProcessedEvent processed)
    {
        var start = latencies.Start(latencies.Publish);
        var samples = processed.Invocation.Samples;
        var acknowledgements = new Task[samples.Count];
        var published = new (string Topic, int Bytes)[samples.Count];
        var position = processed.Message.Position;
        // Every sample names the input record it came from: a redelivery after a crash writes the same identity again,
        // so a consumer can drop the copies.
        var source = new SourceIdentity(position.Topic, position.Partition.Value, position.Offset.Value);
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i] with { Source = source };
            var record = AvroCodecs.MetricSample.Encode(sample);
            published[i] = (StandardTopics.MetricsTopic(sample.Profile), record.Length);
            acknowledgements[i] = publisher.PublishAsync(published[i].Topic, sample.EventType, record, stopping);
        }
        await Task.WhenAll(acknowledgements).ConfigureAwait(false);
        latencies.Record(latencies.Publish, start);
        latencies.RecordSince(processed.Message.Timestamp);
        foreach (var (topic, bytes) in published)
            counters.MetricRecord(topic, bytes);
        counters.Processed(processed.Event.Type);
        return processed.Message;
    }
}
