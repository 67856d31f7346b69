namespace StreamMetrics.Hosting.Http;

/// <summary>A stretch of the live history: sample times (Unix milliseconds, oldest first) and each label's values at them.</summary>
internal sealed record HistoryWindow(long[] Times, IReadOnlyList<TypeSeries> Types);
