namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Knative's pod autoscaler (knative/serving <c>pkg/autoscaler/scaling/autoscaler.go</c>, <c>Scale</c>): desired pods =
/// ceil(mean concurrency / (container concurrency x target utilisation)) over the stable window, or over the panic window
/// while panicking; panic starts when panic-window pods / ready pods >= the panic threshold and ends one stable window
/// after the last time it was over the threshold; no scale-down while panicking; per-tick growth at most
/// ceil(up-rate x ready) and shrinkage to at least floor(ready / down-rate); the last instance goes only after the
/// scale-to-zero grace period. Call it once per tick; skipped ticks are filled from <see cref="ScalingInput.SinceLastDecision"/>.
/// </summary>
public sealed class KpaPolicy : IScalingPolicy
{
    private readonly KpaPolicyOptions _options;
    private readonly TickWindow _window;
    private DateTimeOffset? _panicSince;
    private int _maxPanicPods;
    private DateTimeOffset? _zeroSince;

    public KpaPolicy(KpaPolicyOptions? options = null)
    {
        _options = options ?? new KpaPolicyOptions();
        _options.Validate();
        _window = new TickWindow(_options.StableBuckets);
    }

    public string Name => "kpa";

    /// <summary>Whether the last decision was taken in panic mode.</summary>
    public bool Panicking => _panicSince is not null;

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        var ticks = input.SinceLastDecision <= TimeSpan.Zero ? 1 : (int)Math.Max(1, Math.Round(input.SinceLastDecision / _options.TickInterval));
        // Ticks are skipped only while the scope is idle, so the whole demand since the last decision belongs to the newest tick.
        for (var i = 0; i < Math.Min(ticks - 1, _options.StableBuckets); i++)
            _window.Add(0);
        _window.Add(input.ObservedConcurrency * ticks);

        var target = _options.ContainerConcurrency * _options.TargetUtilisation;
        var ready = Math.Max(1.0, input.ReadyInstances);
        var stablePods = Math.Ceiling(_window.Average(_options.StableBuckets) / target);
        var panicPods = Math.Ceiling(_window.Average(_options.PanicBuckets) / target);
        var maxUp = Math.Ceiling(_options.MaxScaleUpRate * ready);
        var maxDown = Math.Floor(ready / _options.MaxScaleDownRate);
        var desiredStable = (int)Math.Min(Math.Max(stablePods, maxDown), maxUp);
        var desiredPanic = (int)Math.Min(Math.Max(panicPods, maxDown), maxUp);

        var overThreshold = panicPods / ready >= _options.PanicThresholdPercentage / 100;
        if (overThreshold)
        {
            _panicSince = now;
        }
        else if (_panicSince is { } since && since + _options.StableWindow < now)
        {
            _panicSince = null;
            _maxPanicPods = 0;
        }

        int desired;
        string reason;
        if (_panicSince is not null)
        {
            // Never scale down while panicking: hold the highest panic-window answer seen in this panic.
            _maxPanicPods = Math.Max(_maxPanicPods, Math.Max(desiredPanic, desiredStable));
            desired = _maxPanicPods;
            reason = "panic";
        }
        else
        {
            desired = desiredStable;
            reason = "stable";
        }

        if (desired == 0 && input.CurrentInstances > 0)
        {
            _zeroSince ??= now;
            if (now - _zeroSince.Value < _options.ScaleToZeroGracePeriod)
                return new ScaleDecision(input.Scope, 1, "scale-to-zero grace");
        }
        else if (desired > 0)
        {
            _zeroSince = null;
        }

        var quiet = desired == 0 && input.CurrentInstances == 0 && _window.Average(_options.StableBuckets) == 0;
        return new ScaleDecision(input.Scope, desired, reason) { HoldsUntil = quiet ? DateTimeOffset.MaxValue : null };
    }
}
