using Akka.Actor;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>
/// On every tick: reads the forecasts and the pool's statistics, asks the scaling policy for the pool size, applies it,
/// retires idle instances, publishes forecasts and the decision (with per-type scaling: each type's floor when it
/// changes) for operators, and writes its share of the periodic
/// forecaster-state checkpoint. Owns no policy itself.
/// </summary>
internal sealed class ScalingActor : ReceiveActor
{
    private readonly ScalingActorSettings _settings;
    private long _lastReceived;
    private DateTimeOffset _lastTick;
    private ITimer? _ticks;

    /// <summary>The floor last published per event type, so only changes reach the scaling topic.</summary>
    private readonly Dictionary<string, int> _publishedFloors = new(StringComparer.Ordinal);

    /// <summary>What was last published per event type on <c>forecasts</c>, so a tick publishes only what changed.</summary>
    private readonly ForecastChanges _forecastChanges = new();

    private readonly TickGate _gate;

    public ScalingActor(ScalingActorSettings settings)
    {
        _settings = settings;
        _gate = new TickGate(settings.TickInterval);
        _lastTick = settings.Time.GetUtcNow();
        Receive<Tick>(_ => OnTick());
        Receive<PublishedOk>(_ => { });
        Receive<Status.Failure>(failure => ScalingLog.PublishFailed(_settings.Logger, failure.Cause));
    }

    public static Props Props(ScalingActorSettings settings) => Akka.Actor.Props.Create(() => new ScalingActor(settings));

    /// <summary>
    /// Ticks come from the service's clock, not Akka's scheduler, so a replay on a faster clock also ticks faster; they
    /// fall on whole multiples of the interval, so a minute boundary is a tick, as in the simulator. A tick that took
    /// longer than the interval is followed by a rest of half an interval (<see cref="TickGate"/>), in which the ticks
    /// queued meanwhile are dropped rather than run back to back.
    /// </summary>
    protected override void PreStart()
    {
        var self = Self;
        var interval = _settings.TickInterval;
        var firstDue = interval - TimeSpan.FromTicks(_settings.Time.GetUtcNow().UtcTicks % interval.Ticks);
        _ticks = _settings.Time.CreateTimer(_ => self.Tell(Tick.Instance), null, firstDue, interval);
    }

    protected override void PostStop() => _ticks?.Dispose();

    private void OnTick()
    {
        var started = _settings.Time.GetUtcNow();
        if (!_gate.ShouldRun(started))
            return;
        RunTick(OnTickGrid(started));
        _gate.Ran(started, _settings.Time.GetUtcNow());
    }

    private void RunTick(DateTimeOffset now)
    {
        // The tables forget idle types on their own as they are used; the tick also forgets them where traffic stopped.
        _settings.Pool.ForgetIdleTypes();
        _settings.Counters.ForgetIdleTypes();
        var forecasts = _settings.Forecaster.Snapshot();
        var statistics = _settings.Pool.Statistics();
        var decisions = _settings.Types is { } types
            ? ScaleEachType(types, forecasts, statistics, now)
            : ScalePool(forecasts, statistics, now);
        _settings.ParallelismPeak.Record(_settings.Pool.Parallelism);
        Publish(forecasts, statistics, decisions, now);
        // After Snapshot() closed the ended buckets, so the states written include them.
        _settings.Checkpoints?.WriteDue();
    }

    /// <summary>One pool-wide policy sets the pool's parallelism; the pool retires idle instances by its keep-alive.</summary>
    private List<(ScaleDecision Decision, int Previous, string Policy)> ScalePool(
        IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, DateTimeOffset now)
    {
        var input = new ScalingInput(
            Scope: "pool",
            CurrentInstances: _settings.Pool.Parallelism,
            ExecutingInstances: statistics.Executing,
            ArrivalsPerSecond: ArrivalRateSinceLastTick(now),
            Forecast: PoolForecast.Sum(forecasts, _settings.Forecaster.BucketLength),
            ExpectedDuration: MeanDuration(statistics),
            ColdStart: _settings.ColdStart);
        var previous = _settings.Pool.Parallelism;
        var decision = _settings.Policy.Decide(input, now);
        _settings.Pool.SetParallelism(decision.DesiredInstances);
        _settings.Pool.RetireIdle();
        return [(decision, previous, _settings.Policy.Name)];
    }

    /// <summary>
    /// Each type's own policy keeps its warm floor and retires its own idle instances (the pool-wide keep-alive would also
    /// take their floors), so the pool runs at its maximum parallelism. Operators see a type's floor when it changes.
    /// </summary>
    private List<(ScaleDecision Decision, int Previous, string Policy)> ScaleEachType(
        TypeScaler types, IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, DateTimeOffset now)
    {
        _settings.Pool.SetParallelism(_settings.Pool.Options.MaxParallelism);
        var changed = new List<(ScaleDecision Decision, int Previous, string Policy)>();
        var decisions = types.Tick(forecasts, statistics, now);
        // A type that moved away or that the pool forgot has no floor left to publish a change of; if it comes back it
        // starts from a fresh policy and its first floor is news again.
        foreach (var type in _publishedFloors.Keys.Where(type => !types.Scales(type)).ToList())
            _publishedFloors.Remove(type);
        foreach (var decision in decisions)
        {
            if (_publishedFloors.TryGetValue(decision.Scope, out var before) && before == decision.DesiredInstances)
                continue;
            _publishedFloors[decision.Scope] = decision.DesiredInstances;
            changed.Add((decision, before, types.PolicyName(decision.Scope)));
        }
        return changed;
    }

    /// <summary>
    /// The tick's own time, the multiple of the interval nearest to when it ran: policies count the arrivals up to a tick
    /// into the bucket that tick ends, so a tick run a few milliseconds late must not move them into the next bucket.
    /// </summary>
    private DateTimeOffset OnTickGrid(DateTimeOffset now)
    {
        var interval = _settings.TickInterval.Ticks;
        return new DateTimeOffset((now.UtcTicks + interval / 2) / interval * interval, TimeSpan.Zero);
    }

    /// <summary>Mean execution time over all types, weighted by their invocations.</summary>
    private static TimeSpan MeanDuration(PoolStatistics statistics)
    {
        var invocations = statistics.Types.Values.Sum(t => t.Invocations);
        return invocations == 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)(statistics.Types.Values.Sum(t => t.MeanDuration.Ticks * (double)t.Invocations) / invocations));
    }

    private double ArrivalRateSinceLastTick(DateTimeOffset now)
    {
        var received = _settings.Counters.EventsReceived;
        var seconds = (now - _lastTick).TotalSeconds;
        var rate = seconds > 0 ? (received - _lastReceived) / seconds : 0;
        _lastReceived = received;
        _lastTick = now;
        return rate;
    }

    /// <summary>
    /// Each forecast carries its type's profile and share of the pool, so operators watching the topics see every type's
    /// state, whichever policy scales it. A type's forecast is published on a tick only when it says something new
    /// (<see cref="ForecastChanges"/>: arrivals, a new bucket, a new status), so idle types cost a record per bucket
    /// rather than one per tick; per-type decisions are published only when they change.
    /// </summary>
    private void Publish(
        IReadOnlyList<TypeForecast> forecasts, PoolStatistics statistics, List<(ScaleDecision Decision, int Previous, string Policy)> decisions,
        DateTimeOffset now)
    {
        var publisher = _settings.Publisher;
        var profiles = _settings.Counters.ProfileLookup();
        var sends = new List<Task>(decisions.Count);
        _forecastChanges.BeginTick();
        foreach (var forecast in forecasts)
        {
            var type = forecast.EventType;
            var pool = statistics.Types.GetValueOrDefault(type);
            var status = new TypeStatus(profiles.GetValueOrDefault(type), pool?.Instances ?? 0, pool?.Executing ?? 0, pool?.ColdStarts ?? 0);
            if (_forecastChanges.IsNews(forecast, status.GetHashCode()))
                sends.Add(publisher.PublishAsync(StandardTopics.Forecasts, type, AvroCodecs.Forecast.Encode(forecast, status, now), CancellationToken.None));
        }
        _forecastChanges.EndTick();
        foreach (var (decision, previous, policy) in decisions)
        {
            sends.Add(publisher.PublishAsync(StandardTopics.Scaling, decision.Scope,
                AvroCodecs.ScalingDecision.Encode(decision, previous, policy, now), CancellationToken.None));
        }
        // Operators' topics are best effort: a failed send is logged, and the next tick publishes fresh values anyway.
        Task.WhenAll(sends).PipeTo(Self, success: () => PublishedOk.Instance);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class PublishedOk
    {
        public static readonly PublishedOk Instance = new();
    }
}
