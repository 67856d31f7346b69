using System.Text.Json.Serialization;

namespace StreamMetrics.Hosting.Demo;

/// <summary>What a demo run did, printed at the end and written as JSON by <c>--summary</c>.</summary>
public sealed record DemoSummary(
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds,
    [property: JsonPropertyName("eventsProduced")] long EventsProduced,
    [property: JsonPropertyName("eventsProcessed")] long EventsProcessed,
    [property: JsonPropertyName("eventsByType")] IReadOnlyDictionary<string, long> EventsByType,
    [property: JsonPropertyName("deadLettered")] long DeadLettered,
    [property: JsonPropertyName("metricRecordsByTopic")] IReadOnlyDictionary<string, long> MetricRecordsByTopic,
    [property: JsonPropertyName("profileSwitches")] long ProfileSwitches,
    [property: JsonPropertyName("coldStarts")] long ColdStarts,
    [property: JsonPropertyName("poolSizeMax")] int PoolSizeMax,
    [property: JsonPropertyName("parallelismMax")] int ParallelismMax,
    [property: JsonPropertyName("lostMessages")] long LostMessages);
