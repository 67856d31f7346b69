using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Scaling;

/// <summary>What a scaling policy sees on one tick for one scope.</summary>
/// <param name="Scope">The event type (or function) being scaled.</param>
/// <param name="CurrentInstances">Instances that exist now (starting, idle or executing).</param>
/// <param name="ExecutingInstances">Instances executing an invocation now.</param>
/// <param name="ArrivalsPerSecond">Arrival rate observed over the last tick.</param>
/// <param name="Forecast">Forecast of the next bucket, or null where there is none yet.</param>
/// <param name="ExpectedDuration">Mean execution time of one invocation.</param>
/// <param name="ColdStart">Time from starting an instance to its being ready.</param>
public sealed record ScalingInput(
    string Scope,
    int CurrentInstances,
    int ExecutingInstances,
    double ArrivalsPerSecond,
    TypeForecast? Forecast,
    TimeSpan ExpectedDuration,
    TimeSpan ColdStart)
{
    /// <summary>Instances that are ready (idle or executing, not starting). Knative's "ready pods".</summary>
    public int ReadyInstances { get; init; }

    /// <summary>
    /// Time-averaged number of invocations in flight (executing or waiting for an instance) since the previous decision:
    /// the concurrency metric Knative's queue-proxy reports.
    /// </summary>
    public double ObservedConcurrency { get; init; }

    /// <summary>Arrivals counted since the previous decision.</summary>
    public long ArrivalsSinceLastDecision { get; init; }

    /// <summary>Time since the previous decision (zero on the first one).</summary>
    public TimeSpan SinceLastDecision { get; init; }
}
