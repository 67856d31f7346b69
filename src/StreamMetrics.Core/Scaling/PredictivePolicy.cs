using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Scales ahead of the forecast, per scope. Arrivals are counted per bucket and fed to the scope's own forecasting model
/// (from the factory the caller chose, <see cref="ForecasterChoice.Default"/>); a forecast given with the input can
/// take that model's place (<see cref="PredictivePolicyOptions.UseGivenForecast"/>). For the current bucket, and one
/// cold-start time plus a tick before the next one begins, the policy sizes the pool:
/// <list type="bullet">
/// <item>Whether the bucket sees an arrival at all comes from the scope's idle-time history once it has
/// <see cref="PredictivePolicyOptions.MinIdleSamples"/> idle times (the hazard after the empty buckets so far), else from
/// the forecast point; one warm instance is kept only when that chance pays the floor price.</item>
/// <item>Beyond one: Little's law on the arrivals it provisions for divided by the target utilisation, and as many
/// instances as keep the expected cold starts from random arrivals inside the bucket below the price (Poisson
/// concurrency, crediting the wait of up to a cold-start time the dispatch rule allows), never more than those arrivals.
/// The arrivals provisioned for are the forecast upper bound, but at most <see cref="PredictivePolicyOptions.PeakAllowance"/>
/// times the larger of the forecast point and the scope's recent peak bucket.</item>
/// </list>
/// It never asks for fewer than the executing instances; when the bucket's arrivals already exceed those provisioned for it
/// falls back to reactive sizing from the observed concurrency. A lower target applies only after the stabilisation
/// window, and instances started on demand above the target are retired after the idle timeout; the headroom knob
/// stretches both and lowers the floor price.
/// </summary>
public sealed class PredictivePolicy : IScalingPolicy
{
    private readonly PredictivePolicyOptions _options;
    private readonly IForecastModel _model;
    private readonly IdleTimeHistogram _idleTimes;
    private readonly double _peakDecay;
    private double _peak;
    private long _lastActiveBucket = -1;
    private long _hazardKey = -1;
    private double? _hazard;
    private long _bucket = -1;
    private long _arrivalsInBucket;
    private int _held;
    private DateTimeOffset? _lowerSince;

    public PredictivePolicy(Func<IForecastModel> forecaster, PredictivePolicyOptions? options = null)
    {
        _options = options ?? new PredictivePolicyOptions();
        _options.Validate();
        _model = forecaster();
        _idleTimes = new IdleTimeHistogram(new HybridPolicyOptions { BinWidth = _options.BucketLength, Range = _options.BucketLength * 240 });
        _peakDecay = Math.Exp(-_options.BucketLength / _options.PeakMemory);
    }

    public string Name => "predictive";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        var length = _options.BucketLength;
        // Arrivals since the last decision lie in (previous tick, now]; a tick on a bucket boundary closes that bucket.
        Count((now.UtcTicks - 1) / length.Ticks, input.ArrivalsSinceLastDecision);
        var nowBucket = now.UtcTicks / length.Ticks;
        Count(nowBucket, 0);

        var given = GivenForecast(input);
        var current = given ?? _model.Predict(1);
        var target = Needed(current, ArrivalProbability(nowBucket, current), input.ExpectedDuration, input.ColdStart);
        var nextStart = new DateTimeOffset((nowBucket + 1) * length.Ticks, TimeSpan.Zero);
        var lead = input.ColdStart + (input.SinceLastDecision > TimeSpan.Zero ? input.SinceLastDecision : TimeSpan.FromSeconds(2));
        if (now + lead >= nextStart)
        {
            var next = given ?? _model.Predict(2);
            target = Math.Max(target, Needed(next, ArrivalProbability(nowBucket + 1, next), input.ExpectedDuration, input.ColdStart));
        }

        var reason = "forecast";
        target = Math.Max(target, input.ExecutingInstances);
        if (_arrivalsInBucket > ProvisionedArrivals(current) && input.ArrivalsSinceLastDecision > 0)
        {
            // The bucket already has more arrivals than it was sized for: size for what is observed, as a reactive scaler would.
            var reactive = (int)Math.Ceiling(input.ObservedConcurrency / _options.TargetUtilisation);
            if (reactive > target)
            {
                target = reactive;
                reason = "above forecast bound";
            }
        }

        if (target >= _held)
        {
            _held = target;
            _lowerSince = null;
        }
        else
        {
            _lowerSince ??= now;
            if (now - _lowerSince.Value >= _options.StabilisationWindow * _options.StabilisationStretch)
            {
                _held = target;
                _lowerSince = null;
            }
        }

        var quiet = _held == 0 && input.CurrentInstances == 0 && _lowerSince is null;
        return new ScaleDecision(input.Scope, _held, reason)
        {
            IdleTimeout = _options.IdleTimeout * _options.IdleTimeoutStretch,
            HoldsUntil = quiet ? nextStart - lead : null,
        };
    }

    /// <summary>
    /// With <see cref="PredictivePolicyOptions.UseGivenForecast"/>, the forecast that came with the input when it counts
    /// buckets of this policy's length: in the service, the type's forecaster, whose state moves with the type's
    /// partition, so a type handed over is scaled from its forecast rather than from an empty model. It forecasts the
    /// bucket filling now, and serves for the next one too. Null otherwise: the policy's own model forecasts.
    /// </summary>
    private Forecast? GivenForecast(ScalingInput input) =>
        _options.UseGivenForecast && input.Forecast is { } forecast && forecast.BucketLength == _options.BucketLength ? forecast.NextBucket : null;

    private void Count(long bucket, long arrivals)
    {
        if (_bucket < 0)
            _bucket = bucket;
        if (bucket > _bucket)
        {
            _model.Observe(_arrivalsInBucket);
            _peak = Math.Max(_peak * _peakDecay, _arrivalsInBucket);
            if (_arrivalsInBucket > 0)
            {
                if (_lastActiveBucket >= 0)
                    _idleTimes.Add(_options.BucketLength * (_bucket - _lastActiveBucket - 1));
                _lastActiveBucket = _bucket;
            }
            // Long silences feed zeros, bounded so one late event never costs more than a day of buckets.
            var silent = Math.Min(bucket - _bucket - 1, 1440);
            for (var i = 0; i < silent; i++)
                _model.Observe(0);
            _peak *= Math.Pow(_peakDecay, bucket - _bucket - 1);
            _bucket = bucket;
            _arrivalsInBucket = 0;
        }
        _arrivalsInBucket += arrivals;
    }

    /// <summary>
    /// The chance that <paramref name="bucket"/> (the current or the next) sees an arrival: certain once it has one;
    /// else the hazard of the scope's idle-time history after the empty buckets since its last active one, once that
    /// history has enough idle times (it knows timers and other periodic scopes); else the forecast point as a Poisson mean.
    /// </summary>
    private double ArrivalProbability(long bucket, Forecast forecast)
    {
        if (bucket == _bucket && _arrivalsInBucket > 0)
            return 1;
        var lastActive = _arrivalsInBucket > 0 ? _bucket : _lastActiveBucket;
        var fromForecast = 1 - Math.Exp(-Math.Max(0, forecast.Point));
        return lastActive < 0 ? fromForecast : HazardAfter(bucket - lastActive - 1) ?? fromForecast;
    }

    private double? HazardAfter(long idleBuckets)
    {
        var key = idleBuckets * 1_000_003 + _idleTimes.Samples;
        if (key != _hazardKey)
        {
            _hazard = _idleTimes.Hazard(idleBuckets, _options.MinIdleSamples);
            _hazardKey = key;
        }
        return _hazard;
    }

    /// <summary>
    /// The arrivals a bucket is sized for: the forecast upper bound, but no more than <see cref="PredictivePolicyOptions.PeakAllowance"/>
    /// times the larger of the point and the scope's recent peak bucket. The bound is calibrated on the forecast's misses,
    /// which near-exact forecasts of a sparse scope make in most buckets; multiplied up to cover them, it can ask for
    /// dozens of instances for a timer that never had two arrivals in a minute.
    /// </summary>
    private double ProvisionedArrivals(Forecast forecast) =>
        Math.Max(0, Math.Min(forecast.Upper, _options.PeakAllowance * Math.Max(forecast.Point, _peak)));

    private int Needed(Forecast forecast, double arrivalProbability, TimeSpan expectedDuration, TimeSpan coldStart)
    {
        // An instance is worth its bucket when it is expected to prevent at least this many cold starts in it; the
        // same price for every scope spends instance-time where it prevents most cold starts.
        var price = _options.ColdStartsPerInstanceBucket;
        var floorPrice = price / (1 + _options.Headroom);
        if (arrivalProbability < floorPrice)
            return 0;
        // Offered load in instances: Little's law on the arrivals provisioned for.
        var arrivals = ProvisionedArrivals(forecast);
        var duration = Math.Max(0.001, expectedDuration.TotalSeconds);
        var load = arrivals / _options.BucketLength.TotalSeconds * duration;
        var littles = load >= 1 ? (int)Math.Ceiling(load / _options.TargetUtilisation - 1e-9) : 1;
        // Arrivals inside a bucket are random: with k instances an arrival finds all busy with P(Poisson(load) >= k),
        // so the bucket's expected cold starts are arrivals x that tail. No bucket runs more at once than arrive in it.
        // An arrival that finds all busy still runs warm if one frees within a cold-start time, and k busy instances
        // free about k x cold start / duration of them in that time: k instances cover k (1 + cold start / duration).
        var covering = arrivals <= price ? 1 : (int)Math.Ceiling(PoissonQuantile.Covering(load, price / arrivals) / (1 + coldStart.TotalSeconds / duration));
        return Math.Max(littles, Math.Min(covering, Math.Max(1, (int)Math.Ceiling(arrivals - 1e-9))));
    }
}
