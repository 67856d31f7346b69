using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>
/// Per-type scaling: one policy per event type (made by the factory the simulator's catalog also provides), asked on
/// every tick with the inputs the simulator gives it: that type's forecast, instances, executing count, the invocations that
/// arrived at the pool since its previous decision (counted on arrival, not on completion) and their rate, and the
/// observed concurrency, the time-averaged number of invocations in flight since then. The decision is a warm floor
/// applied to the pool: missing instances are pre-warmed, idle ones above the floor retire after the decision's idle
/// timeout. A decision that holds (<see cref="ScaleDecision.HoldsUntil"/>) is not asked again before then unless new
/// arrivals come, as in the simulator; the next decision's averages then span every tick since the previous one.
/// A type keeps its policy as long as the pool keeps the type (the pool's bound on event types): one the pool forgot
/// starts with a new policy if it comes back.
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

    /// <summary>The name of the policy scaling <paramref name="type"/>; only for types it has decided.</summary>
    public string PolicyName(string type) => _types[type].Policy.Name;

    /// <summary>How many types have a policy so far.</summary>
    public int ScaledTypeCount => _types.Count;

    /// <summary>Decides and applies a floor for every type the pool has seen; returns the decisions made on this tick.</summary>
    public IReadOnlyList<ScaleDecision> Tick(IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, DateTimeOffset now)
    {
        var forecastOf = forecasts.ToDictionary(f => f.EventType, StringComparer.Ordinal);
        var decisions = new List<ScaleDecision>();
        ForgetAllBut(statistics.Types);
        foreach (var (type, stats) in statistics.Types)
        {
            if (!_types.TryGetValue(type, out var state))
            {
                state = new TypeState(_createPolicy(type), now, stats.Arrivals, stats.InFlightSeconds);
                _types.Add(type, state);
            }
            var arrivals = Math.Max(0, stats.Arrivals - state.ArrivalsAtDecision);
            if (state.Last is { HoldsUntil: { } holds } && now < holds && arrivals == 0)
            {
                _pool.ScaleType(type, state.Last.DesiredInstances, state.Last.IdleTimeout);
                continue;
            }
            var since = now - state.DecidedAt;
            var seconds = since.TotalSeconds;
            var input = new ScalingInput(
                type, stats.Instances, stats.Executing,
                seconds > 0 ? arrivals / seconds : 0,
                forecastOf.GetValueOrDefault(type), stats.ExpectedDuration, _coldStart)
            {
                ReadyInstances = stats.Instances - stats.Starting,
                ObservedConcurrency = seconds > 0 ? (stats.InFlightSeconds - state.InFlightSecondsAtDecision) / seconds : 0,
                ArrivalsSinceLastDecision = arrivals,
                SinceLastDecision = since,
            };
            var decision = state.Policy.Decide(input, now);
            _pool.ScaleType(type, decision.DesiredInstances, decision.IdleTimeout);
            state.Last = decision;
            state.DecidedAt = now;
            state.ArrivalsAtDecision = stats.Arrivals;
            state.InFlightSecondsAtDecision = stats.InFlightSeconds;
            decisions.Add(decision);
        }
        return decisions;
    }

    private void ForgetAllBut(IReadOnlyDictionary<string, TypePoolStatistics> held)
    {
        foreach (var type in _types.Keys.Where(type => !held.ContainsKey(type)).ToList())
            _types.Remove(type);
    }

    private sealed class TypeState(IScalingPolicy policy, DateTimeOffset decidedAt, long arrivals, double inFlightSeconds)
    {
        public IScalingPolicy Policy { get; } = policy;

        public DateTimeOffset DecidedAt { get; set; } = decidedAt;

        public long ArrivalsAtDecision { get; set; } = arrivals;

        public double InFlightSecondsAtDecision { get; set; } = inFlightSeconds;

        public ScaleDecision? Last { get; set; }
    }
}
