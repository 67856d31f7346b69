namespace StreamMetrics.Pipeline.Bench;

/// <summary>
/// One in-memory run: events through, time from the first written to the last finished, bytes allocated by all threads
/// meanwhile, bytes still held afterwards by what the run built (the per-type state), and the most event types the
/// forecaster held at once (the types, or the bound on them if fewer).
/// </summary>
public sealed record InMemoryResult(long Events, TimeSpan Elapsed, long AllocatedBytes, long RetainedBytes, int TypesHeld = 0);
