namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The hybrid histogram policy of "Serverless in the Wild" (Shahrad et al., USENIX ATC 2020), per function.
/// Idle times are measured at the paper's granularity: in whole bins between the bins in which invocations arrived
/// (consecutive active minutes give an idle time of zero). After an invocation, with a pre-warm window of zero, instances
/// stay warm for the keep-alive window; otherwise they are retired at once, one instance is pre-warmed when the pre-warm
/// window has passed and kept for the keep-alive window. An unrepresentative histogram (too few idle times, most out of
/// range, or a flat one) falls back to keeping instances warm for the whole range; the paper's ARIMA path for
/// out-of-range idle times is not modelled (such functions take the same conservative fallback).
/// </summary>
public sealed class HybridHistogramPolicy : IScalingPolicy
{
    private readonly HybridPolicyOptions _options;
    private readonly IdleTimeHistogram _histogram;
    private long _lastActiveBin = -1;
    private DateTimeOffset? _lastArrival;
    private HybridWindows _windows;
    private bool _windowsStale = true;

    public HybridHistogramPolicy(HybridPolicyOptions? options = null)
    {
        _options = options ?? new HybridPolicyOptions();
        _options.Validate();
        _histogram = new IdleTimeHistogram(_options);
    }

    public string Name => "hybrid";

    /// <summary>The windows the policy applies now.</summary>
    public HybridWindows Windows
    {
        get
        {
            if (_windowsStale)
            {
                _windows = _histogram.Windows();
                _windowsStale = false;
            }
            return _windows;
        }
    }

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
    {
        if (input.ArrivalsSinceLastDecision > 0)
            ObserveArrivalsEndingAt(now);
        var windows = Windows;
        if (_lastArrival is not { } last)
            return Decision(input, 0, TimeSpan.Zero, DateTimeOffset.MaxValue, "no invocation yet");
        if (windows.PreWarm == TimeSpan.Zero)
            return Decision(input, 0, windows.KeepAlive, DateTimeOffset.MaxValue, windows.Representative ? "keep-alive window" : "range keep-alive");

        var warmFrom = last + windows.PreWarm;
        var warmUntil = warmFrom + windows.KeepAlive;
        if (now < warmFrom)
            return Decision(input, 0, TimeSpan.Zero, warmFrom, "unloaded until the pre-warm window");
        if (now < warmUntil)
            return Decision(input, 1, TimeSpan.Zero, warmUntil, "pre-warmed");
        return Decision(input, 0, TimeSpan.Zero, DateTimeOffset.MaxValue, "keep-alive window over");
    }

    private void ObserveArrivalsEndingAt(DateTimeOffset now)
    {
        // Arrivals since the last decision lie in (previous tick, now]; with ticks that divide the bin, one bin holds them.
        var bin = (now.UtcTicks - 1) / _options.BinWidth.Ticks;
        if (_lastActiveBin >= 0 && bin > _lastActiveBin)
        {
            _histogram.Add(_options.BinWidth * (bin - _lastActiveBin - 1));
            _windowsStale = true;
        }
        _lastActiveBin = Math.Max(_lastActiveBin, bin);
        _lastArrival = now;
    }

    private static ScaleDecision Decision(ScalingInput input, int desired, TimeSpan idleTimeout, DateTimeOffset holdsUntil, string reason) =>
        new(input.Scope, desired, reason) { IdleTimeout = idleTimeout, HoldsUntil = holdsUntil };
}
