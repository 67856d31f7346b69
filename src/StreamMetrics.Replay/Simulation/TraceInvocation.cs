namespace StreamMetrics.Replay.Simulation;

/// <summary>One invocation of a replayed trace, exactly as the simulator generates it.</summary>
/// <param name="Seconds">Arrival time, seconds since the trace start.</param>
/// <param name="Function">The function (the event type when replayed live).</param>
/// <param name="DurationSeconds">Execution time drawn from the function's duration percentiles.</param>
public readonly record struct TraceInvocation(double Seconds, string Function, double DurationSeconds);
