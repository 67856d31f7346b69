using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;
using static StreamMetrics.Core.Tests.Scaling.ScalingInputs;

namespace StreamMetrics.Core.Tests.Scaling;

/// <summary>
/// The predictive policy provisions for the forecast upper bound only up to a multiple of the larger of the point and the
/// scope's recent peak. The forecast here is the one a combined, calibrated forecaster gave a timer of one 24.5 s run a
/// minute: its point near one, its bound at 1,735 arrivals after its calibration factor grew on near-exact forecasts.
/// </summary>
public sealed class PredictivePeakAllowanceTests
{
    private const double TimerSeconds = 24.5;
    private static readonly Forecast Blown = new(0.9, 0, 1735);

    private static PredictivePolicy Following(double allowance = 2, TimeSpan? memory = null) =>
        new(() => new EwmaModel(), new PredictivePolicyOptions
        {
            UseGivenForecast = true,
            PeakAllowance = allowance,
            PeakMemory = memory ?? TimeSpan.FromDays(1),
        });

    /// <summary>
    /// Feeds <paramref name="perMinute"/> arrivals per minute, all on the 30 s tick of 2 s ticks, each input carrying
    /// <see cref="Blown"/> as the type's forecast; returns the decision on the tick after the last minute's arrivals.
    /// </summary>
    private static ScaleDecision Feed(PredictivePolicy policy, Func<int, int> perMinute, int minutes)
    {
        ScaleDecision decision = null!;
        for (var minute = 0; minute < minutes; minute++)
        {
            for (var tick = 1; tick <= 30; tick++)
            {
                var arrivals = tick == 15 ? perMinute(minute) : 0;
                decision = policy.Decide(Input(arrivals), At(minute * 60 + tick * 2));
                if (minute == minutes - 1 && tick == 16)
                    return decision;
            }
        }
        return decision;
    }

    private static ScalingInput Input(long arrivals, double concurrency = 0) =>
        Tick(concurrency: concurrency, arrivals: arrivals, durationSeconds: TimerSeconds) with
        {
            Forecast = new TypeForecast("f", Start, TimeSpan.FromMinutes(1), 0, Blown),
        };

    [Fact]
    public void A_bound_far_above_the_point_and_the_peak_is_provisioned_for_only_up_to_the_allowance()
    {
        // At most 2 x one arrival a minute of 24.5 s: 0.82 busy, one instance, two at most. The bound itself would ask for
        // Little's law on 1,735 a minute, over a thousand.
        var capped = Feed(Following(), _ => 1, 30).DesiredInstances;
        // An allowance of 100 lets 100 arrivals through: 100 / 60 x 24.5 s / 0.7 = 58.3, so at least 59 instances.
        var loose = Feed(Following(allowance: 100), _ => 1, 30).DesiredInstances;

        Assert.InRange(capped, 1, 2);
        Assert.InRange(loose, 59, 100);
    }

    [Fact]
    public void Arrivals_beyond_those_provisioned_for_fall_back_to_observed_concurrency_inside_the_bound()
    {
        var policy = Following();
        Feed(policy, _ => 1, 30);

        // Eight arrivals in minute 30, eight running at once: far inside the bound of 1,735, but above the two provisioned for.
        var surge = policy.Decide(Input(arrivals: 8, concurrency: 8), At(30 * 60 + 10));

        Assert.Equal("above forecast bound", surge.Reason);
        Assert.Equal((int)Math.Ceiling(8 / 0.7), surge.DesiredInstances);
    }

    [Fact]
    public void The_peak_bucket_is_forgotten_over_the_peak_memory()
    {
        // A burst of 30 in the first minute, then one a minute for an hour.
        static int Burst(int minute) => minute == 0 ? 30 : 1;

        // Remembered for a day, the burst still counts 30 x e^(-60/1440) = 28.8: 2 x 28.8 = 57.6 arrivals, 57.6 / 60 x 24.5 s / 0.7 = 33.6.
        var remembered = Feed(Following(), Burst, 61).DesiredInstances;
        // Remembered for ten minutes, it has decayed to 30 x e^-6 = 0.07 and the minute's single arrival is the peak.
        var forgotten = Feed(Following(memory: TimeSpan.FromMinutes(10)), Burst, 61).DesiredInstances;

        Assert.InRange(remembered, 34, 58);
        Assert.InRange(forgotten, 1, 2);
    }

    [Fact]
    public void Peak_settings_out_of_range_are_refused_with_the_range()
    {
        var allowance = Assert.Throws<ArgumentOutOfRangeException>(() => Following(allowance: 0.5));
        var memory = Assert.Throws<ArgumentOutOfRangeException>(() => Following(memory: TimeSpan.FromSeconds(10)));

        Assert.Contains("peak-allowance = 0.5, must be between 1 and 100", allowance.Message);
        Assert.Contains("peak-memory = 10s, must be between 1m and 30d", memory.Message);
    }
}
