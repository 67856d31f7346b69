namespace StreamMetrics.Replay.Simulation;

/// <summary>How far a simulation batch has got: invocations simulated (over all policies) out of the total.</summary>
public readonly record struct SimulationProgress(long Done, long Total, TimeSpan Elapsed)
{
    public double Share => Total == 0 ? 1 : (double)Done / Total;
}
