using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Kafka.Topics;

/// <summary>
/// The topics of StreamMetrics and their partition counts. Counts are sized for the embedded cluster, which keeps only
/// about 5 MiB per partition: the high-volume topics (events, metrics) get many partitions so a run of millions of small
/// records is kept whole.
/// </summary>
public static class StandardTopics
{
    public const string Events = "events";
    public const string DeadLetter = "deadletter";
    public const string Forecasts = "forecasts";
    public const string Scaling = "scaling";
    public const string ForecasterState = "forecaster-state";

    public const int EventPartitions = 32;
    public const int MetricPartitions = 16;

    /// <summary>Names of the built-in profiles whose metric topics the <c>broker</c> command creates up front.</summary>
    public static IReadOnlyList<string> BuiltInProfiles { get; } = ["minimal", "standard", "debug"];

    /// <summary>How long dead letters and forecasts are kept: long enough to investigate a bad producer after a weekend.</summary>
    public static TimeSpan OperationalRetention { get; } = TimeSpan.FromDays(7);

    public static string MetricsTopic(string profile) => $"metrics.{profile}";

    /// <summary>Every topic of the service: the fixed ones plus <c>metrics.&lt;profile&gt;</c> with each profile's retention.</summary>
    public static IReadOnlyList<TopicSpec> All(IEnumerable<MetricProfile> profiles) =>
        All(profiles.Select(p => (p.Name, (TimeSpan?)p.Retention)));

    /// <summary>Every topic of the service, for profiles given by name and retention (null keeps the cluster default).</summary>
    public static IReadOnlyList<TopicSpec> All(IEnumerable<(string Profile, TimeSpan? Retention)> profiles)
    {
        List<TopicSpec> topics =
        [
            new(Events, EventPartitions),
            new(DeadLetter, 4, OperationalRetention),
            new(Forecasts, 4, OperationalRetention),
            new(Scaling, 1, OperationalRetention),
            // Co-partitioned with the events: a type's state lives in the partition number its events do.
            new(ForecasterState, EventPartitions, Compacted: true),
        ];
        topics.AddRange(profiles.Select(p => new TopicSpec(MetricsTopic(p.Profile), MetricPartitions, p.Retention)));
        return topics;
    }
}
