using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>
/// Per-type scaling: one policy per event type (made by the factory the simulator's catalog also provides), asked on
/// every tick with that type's forecast, instances, busy count and arrivals since its previous decision. The decision is
/// a warm floor applied to the pool: missing instances are pre-warmed, idle ones above the floor retire after the
/// decision's idle timeout. A decision that holds (<see cref="ScaleDecision.HoldsUntil"/>) is not asked again before
/// then unless new arrivals come, as in the simulator.
/// </summary>
internal sealed class TypeScaler
{
    private readonly Func<string, IScalingPolicy> _createPolicy;
    private readonly WorkerPool _pool;
    private readonly TimeSpan _coldStart;
    private readonly Dictionary<string, TypeState> _types = new(StringComparer.Ordinal);

    public TypeScaler(Func<string, IScalingPolicy> createPolicy, WorkerPool pool, TimeSpan coldStart)
    {
        _createPolicy = createPolicy;
        _pool = pool;
        _coldStart = coldStart;
    }

    /// <summary>Types with a policy so far.</summary>
    public int Types => _types.Count;

    /// <summary>Decides and applies a floor for every type the pool has seen; returns the decisions made on this tick.</summary>
    public IReadOnlyList<ScaleDecision> Tick(IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, DateTimeOffset now)
    {
        var forecastOf = forecasts.ToDictionary(f => f.EventType, StringComparer.Ordinal);
        var decisions = new List<ScaleDecision>();
        foreach (var (type, stats) in statistics.Types)
        {
            if (!_types.TryGetValue(type, out var state))
            {
                state = new TypeState(_createPolicy(type), now, stats.Invocations);
                _types.Add(type, state);
            }
            // Completed invocations stand in for arrivals: the pool sees an event when it is dispatched.
            var arrivals = Math.Max(0, stats.Invocations - state.InvocationsAtDecision);
            if (state.Last is { HoldsUntil: { } holds } && now < holds && arrivals == 0)
            {
                _pool.ScaleType(type, state.Last.DesiredInstances, state.Last.IdleTimeout);
                continue;
            }
            var since = now - state.DecidedAt;
            var input = new ScalingInput(
                type, stats.Instances, stats.Busy,
                since > TimeSpan.Zero ? arrivals / since.TotalSeconds : 0,
                forecastOf.GetValueOrDefault(type), stats.MeanDuration, _coldStart)
            {
                ReadyInstances = stats.Instances - stats.Starting,
                ObservedConcurrency = stats.Busy,
                ArrivalsSinceLastDecision = arrivals,
                SinceLastDecision = since,
            };
            var decision = state.Policy.Decide(input, now);
            _pool.ScaleType(type, decision.DesiredInstances, decision.IdleTimeout);
            state.Last = decision;
            state.DecidedAt = now;
            state.InvocationsAtDecision = stats.Invocations;
            decisions.Add(decision);
        }
        return decisions;
    }

    private sealed class TypeState(IScalingPolicy policy, DateTimeOffset decidedAt, long invocations)
    {
        public IScalingPolicy Policy { get; } = policy;

        public DateTimeOffset DecidedAt { get; set; } = decidedAt;

        public long InvocationsAtDecision { get; set; } = invocations;

        public ScaleDecision? Last { get; set; }
    }
}
