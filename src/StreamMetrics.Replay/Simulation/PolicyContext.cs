namespace StreamMetrics.Replay.Simulation;

/// <summary>What a policy factory may know about the function it scales.</summary>
/// <param name="Function">The function's id (the policy's scope).</param>
/// <param name="ColdStart">The function's cold-start time.</param>
/// <param name="Tick">Time between decisions.</param>
/// <param name="Origin">Wall-clock time of the trace's first minute.</param>
/// <param name="PeakPerMinute">Peak concurrency of each minute, for policies that are allowed to know it (else null).</param>
public sealed record PolicyContext(string Function, TimeSpan ColdStart, TimeSpan Tick, DateTimeOffset Origin, int[]? PeakPerMinute);
