using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;
using static StreamMetrics.Core.Tests.Scaling.ScalingInputs;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class PredictivePolicyTests
{
    private static PredictivePolicy Policy(double headroom = 0.25) =>
        new(() => new EwmaModel(), new PredictivePolicyOptions { Headroom = headroom });

    /// <summary>Feeds <paramref name="perMinute"/> arrivals per minute as 2-second ticks; returns the last decision.</summary>
    private static ScaleDecision Feed(PredictivePolicy policy, Func<int, int> perMinute, int minutes, double duration = 1, int firstMinute = 0)
    {
        ScaleDecision decision = null!;
        for (var minute = firstMinute; minute < firstMinute + minutes; minute++)
        {
            var count = perMinute(minute);
            for (var tick = 1; tick <= 30; tick++)
            {
                var arrivals = tick == 15 ? count : 0;
                decision = policy.Decide(Tick(concurrency: arrivals * duration / 2, arrivals: arrivals, durationSeconds: duration), At(minute * 60 + tick * 2));
            }
        }
        return decision;
    }

    [Fact]
    public void Steady_load_is_sized_by_littles_law_on_the_forecast_bound()
    {
        var policy = Policy();
        // 600 a minute of 7 s each: 70 busy on average, 100 at 70 % utilisation.
        var decision = Feed(policy, _ => 600, 30, duration: 7);

        Assert.InRange(decision.DesiredInstances, 100, 110);
    }

    [Fact]
    public void Next_buckets_instances_are_started_one_cold_start_and_a_tick_ahead()
    {
        // Busy and quiet minutes alternate: 600 arrivals of 7 s in every odd minute, none in the even ones. With a season
        // of two buckets the seasonal-naive forecast knows it, so in the quiet minute 30 it expects minute 31 to be busy.
        var policy = new PredictivePolicy(() => new SeasonalNaiveModel(new ForecastModelOptions { SeasonLength = 2 }), new PredictivePolicyOptions());
        Feed(policy, m => m % 2 == 1 ? 600 : 0, 30, duration: 7);

        // Minute 30 passes in 2 s ticks without arrivals. After a busy minute no arrival comes in the next (every idle
        // time is one minute), so it needs nothing; the busy minute's target is held only for the 30 s stabilisation window.
        var lull = new List<int>();
        for (var t = 30 * 60 + 2; t <= 30 * 60 + 56; t += 2)
            lull.Add(policy.Decide(Tick(durationSeconds: 7), At(t)).DesiredInstances);
        // From a cold start (1 s) and a tick (2 s) before minute 31, i.e. from 30:57, minute 31 is sized too: at the tick
        // of 30:58 at least Little's law on 600 x 7 s a minute, 70 busy / 0.7 = 100. At 30:56 it was 4 s ahead: too early.
        var ahead = policy.Decide(Tick(durationSeconds: 7), At(30 * 60 + 58)).DesiredInstances;

        Assert.Equal(0, lull[^1]);
        Assert.True(ahead >= 100, $"{ahead} instances asked for at 30:58");
    }

    [Fact]
    public void A_timer_is_kept_warm_only_around_its_runs_once_its_idle_times_are_known()
    {
        var policy = Policy();
        // One run every 10 minutes, at the start of the minute.
        Feed(policy, m => m % 10 == 0 ? 1 : 0, 121);

        // Minute 121..128: the history says no run is due, so nothing is kept.
        var between = policy.Decide(Tick(), At(125 * 60 + 30));
        // Just before minute 130 (idle for 9 whole minutes so far): a run is certain, so one is pre-warmed.
        var before = policy.Decide(Tick(), At(129 * 60 + 57));

        Assert.Equal(0, between.DesiredInstances);
        Assert.Equal(1, before.DesiredInstances);
    }

    [Fact]
    public void Load_above_the_forecast_bound_falls_back_to_observed_concurrency()
    {
        var policy = Policy();
        Feed(policy, _ => 60, 30, duration: 0.5);
        var surge = policy.Decide(Tick(concurrency: 40, arrivals: 4000, executing: 5, durationSeconds: 0.5), At(30 * 60 + 10));

        Assert.Equal("above forecast bound", surge.Reason);
        Assert.Equal((int)Math.Ceiling(40 / 0.7), surge.DesiredInstances);
    }

    [Fact]
    public void Never_asks_for_fewer_than_the_executing_instances_and_lowers_only_after_the_stabilisation_window()
    {
        var policy = Policy(headroom: 0);
        Feed(policy, _ => 600, 30, duration: 7);
        // 150 executing, more than the forecast's ~100: the pool is not shrunk below them.
        var high = policy.Decide(Tick(executing: 150, durationSeconds: 7), At(30 * 60 + 2)).DesiredInstances;
        Assert.Equal(150, high);

        // They finish. The target stays for the stabilisation window (30 s at headroom 0), then drops to the forecast's.
        var t = 30 * 60 + 4;
        for (; t < 30 * 60 + 32; t += 2)
            Assert.Equal(high, policy.Decide(Tick(durationSeconds: 7), At(t)).DesiredInstances);
        var dropped = policy.Decide(Tick(durationSeconds: 7), At(30 * 60 + 40));
        Assert.True(dropped.DesiredInstances < high);
    }

    [Fact]
    public void Headroom_stretches_the_idle_timeout()
    {
        var lean = Feed(Policy(headroom: 0), _ => 5, 3);
        var generous = Feed(Policy(headroom: 3), _ => 5, 3);

        Assert.Equal(TimeSpan.FromSeconds(15), lean.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15 * 32), generous.IdleTimeout);
    }

    [Fact]
    public void A_negative_headroom_is_leaner_than_the_base_down_to_minus_one_half()
    {
        var leanest = Feed(Policy(headroom: PredictivePolicyOptions.MinHeadroom), _ => 5, 3);

        Assert.Equal(15 * Math.Pow(0.5, 2.5), leanest.IdleTimeout.TotalSeconds, 6);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Policy(headroom: -0.6));
        Assert.Contains("headroom = -0.6, must be between -0.5 and 20", error.Message);
    }

    [Fact]
    public void A_scope_handed_over_is_sized_from_the_forecast_given_with_it_not_from_an_empty_model()
    {
        var forecast = new TypeForecast("f", Start, TimeSpan.FromMinutes(1), 0, new Forecast(300, 240, 360));
        var input = Tick() with { Forecast = forecast };
        static PredictivePolicy Following() => new(() => new EwmaModel(), new PredictivePolicyOptions { UseGivenForecast = true });

        // 360 arrivals a minute of 1 s each at 70 % utilisation: Little's law asks for 9 instances at once.
        Assert.Equal(9, Following().Decide(input, At(2)).DesiredInstances);
        Assert.Equal(0, Policy(headroom: 0).Decide(input, At(2)).DesiredInstances);
        // A forecast of other buckets than the policy's is not the policy's to use.
        Assert.Equal(0, Following().Decide(input with { Forecast = forecast with { BucketLength = TimeSpan.FromSeconds(2) } }, At(2)).DesiredInstances);
    }

    [Fact]
    public void A_quiet_scope_holds_until_just_before_the_next_bucket()
    {
        var decision = Policy().Decide(Tick(), At(2));

        Assert.Equal(0, decision.DesiredInstances);
        Assert.Equal(At(60 - 3), decision.HoldsUntil);
    }
}
