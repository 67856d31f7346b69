using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    private readonly ConcurrentDictionary<string, MetricTopic> _topicByProfile = new(StringComparer.Ordinal);

    /// <summary>
    /// Arrays for the records this stage encodes. A record's array is reused only once its publish completed: the
    /// publisher may hold an array until then (waiting for room in the client's buffer), and Kafka's client copies it
    /// before that. The arrays of an event's records stay with its <see cref="PipelineEvent"/>, which is taken again only
    /// after its offset was released, so the next record it carries encodes into them; only arrays of another length
    /// come from and go to this pool.
    /// </summary>
    private readonly ExactLengthArrayPool _recordArrays = new();

    // The topic of the profile of the last event: an event's profile is nearly always that of the event before.
    private MetricTopic? _lastTopic;

    /// <summary>
    /// Encodes and publishes the event's samples; the task is Kafka's acknowledgement of them all. Once it completed,
    /// <see cref="Acknowledged"/> counts them.
    /// </summary>
    public Task PublishAsync(PipelineEvent processed)
    {
        var start = latencies.Start(latencies.Publish);
        // The invocation's samples are the carrier's own list, where the worker pool put them.
        var samples = processed.Samples;
        if (samples.Count == 0)
        {
            processed.Publish = new MetricsPublish(start, null, 0, 0);
            return Task.CompletedTask;
        }
        // An invocation's samples come from its instance's recorder, which records under one config: one type, one
        // profile, so one topic and one key for them all.
        var topic = TopicOf(samples[0].Profile);
        var source = processed.Message;
        var records = processed.RecordSlots(samples.Count, _recordArrays);
        var bytes = 0;
        for (var i = 0; i < records.Length; i++)
        {
            // Every sample names the input record it came from: a redelivery after a crash writes the same identity
            // again, so a consumer can drop the copies.
            records[i] = AvroCodecs.MetricSample.Encode(
                samples[i], source.Partition.Topic, source.Partition.Partition.Value, source.Offset.Value, _recordArrays, records[i]);
            bytes += records[i].Length;
        }
        processed.Publish = new MetricsPublish(start, topic, records.Length, bytes);
        // A failed publish fails the stream; its arrays are left to the collector, never reused.
        return publisher.PublishAllAsync(topic.Name, samples[0].EventType, records, stopping);
    }

    /// <summary>Counts the event's published records, acknowledged now, and the event as processed. Thread-safe.</summary>
    public void Acknowledged(PipelineEvent published)
    {
        var publish = published.Publish;
        latencies.Record(latencies.Publish, publish.Start);
        latencies.RecordSince(published.Message.Timestamp);
        if (publish.Topic is { } topic)
            counters.MetricRecords(topic.Records, publish.Records, publish.Bytes);
        counters.Processed(published.Event.Type);
    }

    /// <summary>The topic of <paramref name="profile"/>; the graph calls the stage from one stage actor, one event at a time.</summary>
    private MetricTopic TopicOf(string profile)
    {
        if (_lastTopic is { } last && ReferenceEquals(last.Profile, profile))
            return last;
        return _lastTopic = _topicByProfile.GetOrAdd(profile, static (profile, counters) => MetricTopic.Of(profile, counters), counters);
    }

    /// <summary>An event's publish, from its start until <see cref="Acknowledged"/>: when it started, where to, how much.</summary>
    internal readonly record struct MetricsPublish(long Start, MetricTopic? Topic, int Records, int Bytes);

    /// <summary>A profile's metrics topic and its count of acknowledged records, looked up once per profile rather than per event.</summary>
    internal sealed record MetricTopic(string Profile, string Name, StrongBox<long> Records)
    {
        public static MetricTopic Of(string profile, PipelineCounters counters)
        {
            var name = StandardTopics.MetricsTopic(profile);
            return new MetricTopic(profile, name, counters.TopicRecords(name));
        }
    }
}
