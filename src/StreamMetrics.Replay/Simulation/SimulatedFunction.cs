using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Simulation;

/// <summary>One function of a trace as the simulator takes it.</summary>
/// <param name="Index">Position in the trace; with the seed it fixes the function's random stream.</param>
public sealed record SimulatedFunction(int Index, string Function, int[] PerMinute, FunctionDurations Durations)
{
    public long Invocations => PerMinute.Sum(c => (long)c);

    /// <summary>The mean of the execution times the simulator draws: what it expects until an execution has ended.</summary>
    public TimeSpan ExpectedDuration => TimeSpan.FromSeconds(new DurationSampler(Durations).MeanSeconds);
}
