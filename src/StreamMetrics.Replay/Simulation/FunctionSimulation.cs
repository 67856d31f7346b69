using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Discrete-event simulation of one function under one policy, on a virtual clock in seconds since the trace start.
/// The dispatch rule, the same for every policy and the live pool's: an arrival takes the most recently used idle warm
/// instance; otherwise it waits, if a busy or starting instance is expected to take it within the cold-start time
/// (<see cref="BusyDispatch"/>: the simulator does not peek at the execution times it drew), and is served by the
/// instance that frees first; otherwise it starts a new instance (a cold start) and runs when it is ready. One
/// invocation per instance at a time. The policy is asked on every tick (or when its last answer stops holding) and
/// only pre-warms instances and retires idle ones.
/// </summary>
internal sealed class FunctionSimulation
{
    private readonly SimulatedFunction _function;
    private readonly PolicySpec _spec;
    private readonly SimulationOptions _options;
    private readonly IScalingPolicy _policy;
    private readonly IArrivalSource _generator;
    private readonly DurationSampler _durations;
    private readonly InstancePool _pool = new();
    private readonly DemandMeter _meter;
    private readonly WaitHistogram _waits;
    private readonly double _tick;
    private readonly double _coldStart;
    private readonly AgeWeightedMean _endedMean = new();

    /// <summary>Drawn execution times by the time they end, until <see cref="ExpectedSeconds"/> has counted them.</summary>
    private readonly PriorityQueue<double, double> _running = new();
    private readonly int[]? _poolPerMinute;
    private readonly IInvocationObserver? _observer;

    private double[] _remaining = new double[16];
    private long _nextTick;
    private double _nextDecision;
    private double _lastDecision;
    private double _demandSinceDecision;
    private long _arrivalsSinceDecision;
    private int _floor;
    private double _idleTimeout;
    private double _decidedAt;
    private long _invocations;
    private long _coldStarts;
    private double _executionSeconds;

    public FunctionSimulation(SimulatedFunction function, PolicySpec spec, SimulationOptions options, bool recordPool, IInvocationObserver? observer = null)
        : this(function, spec, options, recordPool, null, observer)
    {
    }

    /// <param name="arrivals">Invocations to replay instead of the seeded ones drawn from the function's counts.</param>
    /// <param name="observer">Told of every invocation dispatched, with the instance that runs it.</param>
    internal FunctionSimulation(
        SimulatedFunction function, PolicySpec spec, SimulationOptions options, bool recordPool, Func<IArrivalSource>? arrivals, IInvocationObserver? observer = null)
    {
        _observer = observer;
        _function = function;
        _spec = spec;
        _options = options;
        _durations = new DurationSampler(function.Durations);
        _tick = options.Tick.TotalSeconds;
        var coldStart = options.ColdStartOf(function.Function);
        _coldStart = coldStart.TotalSeconds;
        var durations = _durations;
        arrivals ??= () => new ArrivalGenerator(function.PerMinute, durations, options.Seed, function.Index);
        _generator = arrivals();
        var peaks = spec.NeedsMinutePeaks ? MinutePeaks.Compute(arrivals()) : null;
        _policy = spec.Create(new PolicyContext(function.Function, coldStart, options.Tick, options.Origin, peaks));
        _meter = new DemandMeter(_tick, _durations.MaxSeconds + 2 * _coldStart + _tick);
        _waits = new WaitHistogram(_coldStart);
        _poolPerMinute = recordPool ? new int[function.PerMinute.Length] : null;
    }

    public WaitHistogram Waits => _waits;

    /// <summary>Instances alive at the start of each minute, when recording was asked for.</summary>
    public int[]? PoolPerMinute => _poolPerMinute;

    public FunctionRun Run()
    {
        var arrivals = new double[_generator.MaxPerMinute + 1];
        var durations = new double[_generator.MaxPerMinute + 1];
        var minutes = _generator.Minutes;
        Decide(0);
        for (var minute = 0; minute < minutes; minute++)
        {
            var count = _generator.Fill(minute, arrivals, durations);
            for (var i = 0; i < count; i++)
            {
                AdvanceTo(arrivals[i]);
                Dispatch(arrivals[i], durations[i]);
            }
            AdvanceTo((minute + 1) * 60.0);
        }
        var end = minutes * 60.0;
        _pool.ReleaseUntil(end);
        _pool.Close(end);
        return new FunctionRun(
            _function.Function, _invocations, _coldStarts, _pool.InstanceSeconds, _executionSeconds,
            _waits.PercentileMs(50), _waits.PercentileMs(99), _waits.MaxMs, _pool.PeakAlive);
    }

    /// <summary>Runs every tick at or before <paramref name="time"/>.</summary>
    private void AdvanceTo(double time)
    {
        while (true)
        {
            var tickTime = (_nextTick + 1) * _tick;
            if (tickTime > time)
                return;
            _demandSinceDecision += _meter.Close(_nextTick);
            _nextTick++;
            if (_poolPerMinute is not null && _nextTick % (long)Math.Round(60 / _tick) == 0 && tickTime < _poolPerMinute.Length * 60.0)
                _poolPerMinute[(int)(tickTime / 60)] = _pool.Alive;
            if (tickTime >= _nextDecision - 1e-9)
                Decide(tickTime);
            else
                Expire(tickTime);
        }
    }

    private void Decide(double now)
    {
        _pool.ReleaseUntil(now);
        var since = now - _lastDecision;
        var input = new ScalingInput(
            _function.Function,
            _pool.Alive,
            _pool.Claimed,
            since > 0 ? _arrivalsSinceDecision / since : 0,
            null,
            TimeSpan.FromSeconds(ExpectedSeconds(now)),
            TimeSpan.FromSeconds(_coldStart))
        {
            ReadyInstances = _pool.Alive - _pool.PreWarming,
            ObservedConcurrency = since > 0 ? _demandSinceDecision / since : 0,
            ArrivalsSinceLastDecision = _arrivalsSinceDecision,
            SinceLastDecision = TimeSpan.FromSeconds(since),
        };
        var decision = _policy.Decide(input, _options.Origin + TimeSpan.FromSeconds(now));
        _lastDecision = now;
        _demandSinceDecision = 0;
        _arrivalsSinceDecision = 0;

        _floor = Math.Max(0, decision.DesiredInstances);
        _idleTimeout = decision.IdleTimeout.TotalSeconds;
        _decidedAt = now;
        for (var missing = _floor - _pool.Alive; missing > 0; missing--)
            _pool.PreWarm(now, now + _coldStart);
        Expire(now);

        _nextDecision = now + _tick;
        if (decision.HoldsUntil is { } until)
        {
            var holds = until == DateTimeOffset.MaxValue ? double.MaxValue : (until - _options.Origin).TotalSeconds;
            _nextDecision = Math.Max(_nextDecision, Math.Ceiling(holds / _tick - 1e-9) * _tick);
        }
    }

    /// <summary>Retires idle instances above the floor whose idle timeout has run out by <paramref name="now"/>.</summary>
    private void Expire(double now)
    {
        _pool.ReleaseUntil(now);
        while (_pool.Alive > _floor && _pool.Idle > 0)
        {
            var idleSince = _pool.OldestIdleSince;
            var deadline = Math.Max(idleSince + _idleTimeout, _decidedAt);
            if (deadline > now)
                return;
            _pool.RetireOldestIdle(_spec.SeesFuture ? idleSince : deadline);
        }
    }

    /// <summary>
    /// The live pool's rule (<see cref="BusyDispatch"/>): wait when a busy or starting instance is expected, by the
    /// function's mean execution time, to take this arrival within a cold start. Nobody knows when a running execution
    /// will end, so the simulator does not use the end it drew.
    /// </summary>
    private bool ExpectsAnInstanceWithinColdStart(double now)
    {
        if (!_pool.HasRunningOrStarting)
            return false;
        if (_remaining.Length < _pool.Alive)
            _remaining = new double[Math.Max(_pool.Alive, 2 * _remaining.Length)];
        var mean = ExpectedSeconds(now);
        var count = _pool.ExpectedRemaining(now, mean, _remaining, out var queued);
        return BusyDispatch.ExpectedWaitSeconds(_remaining.AsSpan(0, count), queued, mean) <= _coldStart;
    }

    private void Dispatch(double now, double duration)
    {
        Expire(now);
        _invocations++;
        _arrivalsSinceDecision++;
        // An answer that holds "until arrivals come" is revisited on the next tick.
        _nextDecision = Math.Min(_nextDecision, (Math.Floor(now / _tick) + 1) * _tick);

        double start;
        var wait = 0.0;
        var started = false;
        var slot = _pool.TakeIdle();
        if (slot >= 0)
        {
            start = now;
        }
        else if (_pool.PreWarming > 0 || ExpectsAnInstanceWithinColdStart(now))
        {
            // Waiters are served first come first served by whichever instance frees first, as in the live pool.
            slot = _pool.TakeEarliest();
            start = Math.Max(now, _pool.FreeAt(slot));
            wait = start - now;
        }
        else if (_spec.SeesFuture)
        {
            slot = _pool.Start(now - _coldStart);
            start = now;
            started = true;
        }
        else
        {
            // A cold start's delay is the cold start itself, counted as such and not as queueing.
            slot = _pool.Start(now);
            start = now + _coldStart;
            started = true;
            _coldStarts++;
        }
        _waits.Add(wait);
        var end = start + duration;
        _pool.Run(slot, start, end);
        _running.Enqueue(duration, end);
        _meter.Add(now, end);
        _executionSeconds += duration;
        _observer?.Invoked(new ObservedInvocation(now, start, end, _pool.InstanceId(slot), started));
    }

    /// <summary>
    /// What the live pool expects an execution to take at <paramref name="now"/>: the age-weighted mean of the executions
    /// that have ended by then, a long one counting only once it ends. Before the first has ended, the recorded mean.
    /// </summary>
    private double ExpectedSeconds(double now)
    {
        while (_running.TryPeek(out var duration, out var end) && end <= now)
        {
            _endedMean.Add(duration, end);
            _running.Dequeue();
        }
        return _endedMean.HasValue ? _endedMean.Seconds : _durations.MeanSeconds;
    }
}
