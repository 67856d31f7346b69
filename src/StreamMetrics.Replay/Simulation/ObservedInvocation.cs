namespace StreamMetrics.Replay.Simulation;

/// <summary>One simulated invocation, times in seconds since the trace start.</summary>
/// <param name="Arrival">When it arrived.</param>
/// <param name="Start">When its execution started (after any wait or cold start).</param>
/// <param name="End">When its execution ended.</param>
/// <param name="Instance">The instance that ran it; unique within the function's run.</param>
/// <param name="StartedInstance">Whether it started that instance itself (a cold start).</param>
public readonly record struct ObservedInvocation(double Arrival, double Start, double End, long Instance, bool StartedInstance);
