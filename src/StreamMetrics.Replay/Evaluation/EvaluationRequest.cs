using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>What to evaluate: a minute trace, its durations file, the policies and the simulation settings.</summary>
public sealed class EvaluationRequest
{
    public required string TracePath { get; init; }

    public required string DurationsPath { get; init; }

    /// <summary>Policy names from <see cref="PolicyCatalog.Names"/>. Default all of them.</summary>
    public IReadOnlyList<string> Policies { get; init; } = PolicyCatalog.Names;

    /// <summary>Headroom settings of the predictive frontier. At least 6 for the report's picture; default <see cref="PolicyCatalog.FrontierHeadrooms"/>.</summary>
    public IReadOnlyList<double> FrontierHeadrooms { get; init; } = PolicyCatalog.FrontierHeadrooms;

    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>The profiles and selection the metric volume is counted with. Default the service's defaults.</summary>
    public MetricVolumeOptions MetricVolume { get; init; } = new();

    /// <summary>How many of the busiest functions get their pool size recorded per minute (for the plot). Default 3.</summary>
    public int PoolTraces { get; init; } = 3;

    /// <summary>Only the first N functions of the trace (its busiest, as the sample is sorted), or all when null.</summary>
    public int? TopFunctions { get; init; }

    /// <summary>Only the functions of one half of the trace (<see cref="FunctionSplit"/>), taken before <see cref="TopFunctions"/>. Default all.</summary>
    public FunctionHalf Split { get; init; } = FunctionHalf.All;

    /// <summary>Only the first N minutes of every function, or the whole trace when null.</summary>
    public int? FirstMinutes { get; init; }
}
