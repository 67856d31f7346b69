using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Pipeline.Tests.EndToEnd;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// What a finished run delivered, counted from the topics themselves: the input records (by position and by the event's
/// own key), and the metric records of one profile per source identity. Every event's invocation records
/// <see cref="EveryEventMetric"/> once, so each input position must have exactly one such record; the every-N metric
/// must have exactly count / N records per type, each from another event.
/// </summary>
internal sealed record DeliveryLedger(
    int EventsIn,
    int DistinctEventKeys,
    int Duplicates,
    int Missing,
    IReadOnlyList<string> Problems)
{
    public const string EveryEventMetric = MetricNames.LatencyMs;
    public const string EveryNMetric = MetricNames.QueueWaitMs;
    public const int EveryN = 10;

    /// <summary>A profile recording <see cref="EveryEventMetric"/> on every event and <see cref="EveryNMetric"/> on every N-th.</summary>
    public static string ProfileJson(string profile) =>
        $$"""{ "{{profile}}": { "retention": "1h", "metrics": { "{{EveryEventMetric}}": "every", "{{EveryNMetric}}": "every {{EveryN}}" } } }""";

    /// <summary>Metric records the sampling rules imply when every event of <paramref name="eventsPerType"/> is processed once.</summary>
    public static int ImpliedRecords(IReadOnlyDictionary<string, int> eventsPerType) => eventsPerType.Values.Sum(n => n + n / EveryN);

    /// <summary>Reads the input topic and <c>metrics.<paramref name="profile"/></c> of a stopped harness and counts.</summary>
    public static DeliveryLedger Read(PipelineHarness harness, string profile, IReadOnlyDictionary<string, int> eventsPerType)
    {
        var timeout = TimeSpan.FromSeconds(60);
        var input = TopicReader.ReadRecords(harness.BootstrapServers, harness.Options.InputTopic, eventsPerType.Values.Sum(), timeout);
        var samples = TopicReader.ReadAll(harness.BootstrapServers, $"metrics.{profile}", ImpliedRecords(eventsPerType), timeout)
            .Select(bytes => AvroCodecs.MetricSample.Decode(bytes))
            .ToList();
        var problems = new List<string>();

        var perSource = samples.Where(s => s.Metric == EveryEventMetric)
            .GroupBy(s => s.Source)
            .ToDictionary(g => g.Key ?? new SourceIdentity("(none)", -1, -1), g => g.Count());
        var positions = input.Select(r => new SourceIdentity(r.Position.Topic, r.Position.Partition.Value, r.Position.Offset.Value)).ToList();
        var missing = positions.Count(p => !perSource.ContainsKey(p));
        var duplicates = perSource.Values.Sum(n => n - 1);
        var strangers = perSource.Keys.Except(positions).ToList();
        if (strangers.Count > 0)
            problems.Add($"{strangers.Count} {EveryEventMetric} records name no input record, e.g. {strangers[0]}");

        foreach (var (type, n) in eventsPerType)
        {
            var sampled = samples.Where(s => s.Metric == EveryNMetric && s.EventType == type).ToList();
            if (sampled.Count != n / EveryN || sampled.Select(s => s.Source).Distinct().Count() != sampled.Count)
                problems.Add($"{type}: {sampled.Count} {EveryNMetric} records from {sampled.Select(s => s.Source).Distinct().Count()} events, the rule implies {n / EveryN}");
        }
        if (samples.Any(s => s.Metric is not (EveryEventMetric or EveryNMetric)))
            problems.Add("records of a metric the profile does not name");

        var keys = input.Select(r => AvroCodecs.Event.Decode(r.Value).Key).ToList();
        return new DeliveryLedger(input.Count, keys.Distinct().Count(), duplicates, missing, problems);
    }

    /// <summary>One line for the scenario table: the counts, the peak memory and the time to settle.</summary>
    public string Summary(string scenario, long processed, long deadLettered, long lost, string peakMemory, TimeSpan settle) =>
        $"{scenario}: events in {EventsIn}, processed {processed}, duplicates {Duplicates}, dead-lettered {deadLettered}, " +
        $"lost {lost + Missing}, peak memory {peakMemory}, time to settle {settle.TotalSeconds:0.0} s";
}
