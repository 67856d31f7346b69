using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Scales ahead of the forecast. Arrivals are counted per bucket and fed to the scope's own forecasting model; the
/// instances a bucket needs are, by Little's law, forecast upper bound x headroom x expected duration / target
/// utilisation, and they are started one cold-start time (plus a tick) before the bucket begins. Below one instance
/// of concurrency, one warm instance is kept only when the forecast makes an arrival in the bucket likely enough.
/// When the current bucket's arrivals already exceed the forecast bound, it falls back to reactive sizing from the
/// observed concurrency. A lower target applies only after it has held for the stabilisation window.
/// </summary>
public sealed class PredictivePolicy : IScalingPolicy
{
    private readonly PredictivePolicyOptions _options;
    private readonly IForecastModel _model;
    private long _bucket = -1;
    private long _arrivalsInBucket;
    private int _held;
    private DateTimeOffset? _lowerSince;

    public PredictivePolicy(Func<IForecastModel> forecaster, PredictivePolicyOptions? options = null)
    {
        _options = options ?? new PredictivePolicyOptions();
        _options.Validate();
        _model = forecaster();
    }

    public string Name => "predictive";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        var length = _options.BucketLength;
        // Arrivals since the last decision lie in (previous tick, now]; a tick on a bucket boundary closes that bucket.
        Count((now.UtcTicks - 1) / length.Ticks, input.ArrivalsSinceLastDecision);
        var nowBucket = now.UtcTicks / length.Ticks;
        Count(nowBucket, 0);

        var current = _model.Predict(1);
        var target = Needed(current, input.ExpectedDuration);
        var nextStart = new DateTimeOffset((nowBucket + 1) * length.Ticks, TimeSpan.Zero);
        var lead = input.ColdStart + (input.SinceLastDecision > TimeSpan.Zero ? input.SinceLastDecision : TimeSpan.FromSeconds(2));
        if (now + lead >= nextStart)
            target = Math.Max(target, Needed(_model.Predict(2), input.ExpectedDuration));

        var reason = "forecast";
        if (_arrivalsInBucket > current.Upper * _options.Headroom && input.ArrivalsSinceLastDecision > 0)
        {
            // The forecast bound is already broken in this bucket: size for what is observed, as a reactive scaler would.
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
            if (now - _lowerSince.Value >= _options.StabilisationWindow)
            {
                _held = target;
                _lowerSince = null;
            }
        }

        var quiet = _held == 0 && input.CurrentInstances == 0 && _lowerSince is null;
        return new ScaleDecision(input.Scope, _held, reason)
        {
            IdleTimeout = _options.IdleTimeout,
            HoldsUntil = quiet ? nextStart - lead : null,
        };
    }

    private void Count(long bucket, long arrivals)
    {
        if (_bucket < 0)
            _bucket = bucket;
        if (bucket > _bucket)
        {
            _model.Observe(_arrivalsInBucket);
            // Long silences feed zeros, bounded so one late event never costs more than a day of buckets.
            var silent = Math.Min(bucket - _bucket - 1, 1440);
            for (var i = 0; i < silent; i++)
                _model.Observe(0);
            _bucket = bucket;
            _arrivalsInBucket = 0;
        }
        _arrivalsInBucket += arrivals;
    }

    private int Needed(Forecast forecast, TimeSpan expectedDuration)
    {
        var duration = Math.Max(0.001, expectedDuration.TotalSeconds);
        var concurrency = forecast.Upper * _options.Headroom / _options.BucketLength.TotalSeconds * duration / _options.TargetUtilisation;
        if (concurrency >= 1)
            return (int)Math.Ceiling(concurrency);
        var arrivalProbability = 1 - Math.Exp(-Math.Max(0, forecast.Point));
        return arrivalProbability >= Math.Min(0.99, _options.WarmFloorProbability / _options.Headroom) ? 1 : 0;
    }
}
