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

    /// <summary>Types the forecaster gave on the last tick.</summary>
    private readonly HashSet<string> _forecast = new(StringComparer.Ordinal);

    /// <summary>Types that moved to another instance: the pool still knows them, but they are not scaled here.</summary>
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    public TypeScaler(Func<string, IScalingPolicy> createPolicy, WorkerPool pool, TimeSpan coldStart)
    {
        _createPolicy = createPolicy;
        _pool = pool;
        _coldStart = coldStart;
    }

    /// <summary>The name of the policy scaling <paramref name="type"/>; only for types it has decided.</summary>
    public string PolicyName(string type) => _types[type].Policy.Name;

    /// <summary>True while <paramref name="type"/> has a policy here: neither moved away nor forgotten.</summary>
    public bool Scales(string type) => _types.ContainsKey(type);

    /// <summary>How many types have a policy so far.</summary>
    public int ScaledTypeCount => _types.Count;

    /// <summary>
    /// Decides and applies a floor for every type the pool has seen and every type forecast here (one handed over with
    /// its partition is scaled from its forecast before its first event arrives), except types that moved away; returns
    /// the decisions made on this tick.
    /// </summary>
    public IReadOnlyList<ScaleDecision> Tick(IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, DateTimeOffset now)
    {
        var forecastOf = forecasts.ToDictionary(f => f.EventType, StringComparer.Ordinal);
        ReleaseGone(forecastOf);
        var decisions = new List<ScaleDecision>();
        ForgetAllBut(statistics.Types, forecastOf);
        var types = statistics.Types.Keys.Where(t => !_gone.Contains(t)).Concat(forecastOf.Keys.Where(t => !statistics.Types.ContainsKey(t)));
        foreach (var type in types)
        {
            var stats = statistics.Types.GetValueOrDefault(type) ?? new TypePoolStatistics(type, 0, 0, 0, 0, TimeSpan.Zero);
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

    /// <summary>
    /// A type forecast here before and no longer has moved to another instance with its partition: its floor goes, its
    /// idle instances retire, and it is not scaled here again unless it comes back.
    /// </summary>
    private void ReleaseGone(Dictionary<string, TypeForecast> forecastOf)
    {
        foreach (var type in _forecast.Where(t => !forecastOf.ContainsKey(t)).ToList())
        {
            _forecast.Remove(type);
            _gone.Add(type);
            _types.Remove(type);
            _pool.ScaleType(type, 0, TimeSpan.Zero);
        }
        foreach (var type in forecastOf.Keys)
        {
            _forecast.Add(type);
            _gone.Remove(type);
        }
    }

    /// <summary>
    /// Drops the policies of types neither the pool nor the forecaster keeps any more (their bound on event types), and
    /// stops remembering as moved away the types the pool forgot.
    /// </summary>
    private void ForgetAllBut(IReadOnlyDictionary<string, TypePoolStatistics> held, Dictionary<string, TypeForecast> forecastOf)
    {
        foreach (var type in _types.Keys.Where(type => !held.ContainsKey(type) && !forecastOf.ContainsKey(type)).ToList())
            _types.Remove(type);
        _gone.RemoveWhere(type => !held.ContainsKey(type));
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
