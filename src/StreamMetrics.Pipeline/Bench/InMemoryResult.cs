namespace StreamMetrics.Pipeline.Bench;

/// <summary>One in-memory run: events through, time from the first written to the last finished, bytes allocated by all threads meanwhile, and bytes still held afterwards by what the run built (the per-type state).</summary>
public sealed record InMemoryResult(long Events, TimeSpan Elapsed, long AllocatedBytes, long RetainedBytes);
