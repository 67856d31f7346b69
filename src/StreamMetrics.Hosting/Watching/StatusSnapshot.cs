namespace StreamMetrics.Hosting.Watching;

/// <summary>What a status view shows at one moment: a row per event type and notes under them.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="Rows">One row per event type, in name order.</param>
/// <param name="MetricTopics">The <c>metrics.&lt;profile&gt;</c> topics that get a column, in name order.</param>
/// <param name="Notes">Lines about the whole system: the pool, what was read.</param>
public sealed record StatusSnapshot(DateTimeOffset At, IReadOnlyList<TypeStatusRow> Rows, IReadOnlyList<string> MetricTopics, IReadOnlyList<string> Notes);
