using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class LoadForecasterTypeBoundTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private static TypeTableOptions Bound(int maxTypes) => new() { MaxTypes = maxTypes, IdleTimeout = Idle };

    private LoadForecaster Forecaster(int maxTypes) =>
        new(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Ewma, new ForecastModelOptions()), _time, Bound(maxTypes));

    [Fact]
    public void A_forgotten_type_comes_back_with_a_fresh_count_and_the_table_stays_at_its_bound()
    {
        var forecaster = Forecaster(maxTypes: 2);
        for (var i = 0; i < 3; i++)
            forecaster.Observe("a");
        forecaster.Observe("b");
        forecaster.Observe("c");

        Assert.False(forecaster.Knows("a"));
        Assert.Equal(2, forecaster.TypeCount);
        Assert.Null(forecaster.SaveState("a"));

        Assert.Equal(1, forecaster.Observe("a").ArrivalsInBucket);
        Assert.Equal(["c", "a"], forecaster.Types);
    }

    [Fact]
    public void A_snapshot_leaves_out_types_idle_for_the_timeout()
    {
        var forecaster = Forecaster(maxTypes: 10);
        forecaster.Observe("quiet");
        _time.Advance(Idle - TimeSpan.FromMinutes(1));
        forecaster.Observe("busy");
        Assert.Equal(2, forecaster.Snapshot().Count);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["busy"], forecaster.Snapshot().Select(f => f.EventType));
        Assert.False(forecaster.Knows("quiet"));
    }

    [Fact]
    public void A_restored_state_takes_a_place_in_the_table_like_a_seen_type()
    {
        var forecaster = Forecaster(maxTypes: 2);
        forecaster.Observe("a");
        var state = forecaster.SaveState("a")!;
        forecaster.Observe("b");

        forecaster.RestoreState("moved", state);

        Assert.Equal(["b", "moved"], forecaster.Types);
    }

    [Fact]
    public void The_configurator_forgets_the_least_recently_seen_type_and_chooses_afresh_for_a_returning_one()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions { Low = 5, Medium = 50, Hysteresis = 0 }, _time, Bound(2));
        TypeForecast At(string type, double rate) =>
            new(type, _time.GetUtcNow(), TimeSpan.FromMinutes(1), 0, new Forecast(rate * 60, rate * 60, rate * 60));

        Assert.Null(selector.Select(At("a", 100)).PreviousProfile);
        Assert.Equal("debug", selector.Select(At("a", 100)).PreviousProfile);
        selector.Select(At("b", 1));
        selector.Select(At("c", 1));

        Assert.Equal(2, selector.TypeCount);
        var returned = selector.Select(At("a", 1));
        Assert.Null(returned.PreviousProfile);
        Assert.Equal("minimal", returned.Config.Profile.Name);
    }

    [Fact]
    public void A_type_seen_again_after_the_touch_interval_is_the_most_recently_seen()
    {
        var forecaster = Forecaster(maxTypes: 2);
        forecaster.Observe("a");
        forecaster.Observe("b");
        _time.Advance(LoadForecaster.TouchInterval);
        forecaster.Observe("a");

        forecaster.Observe("c");

        Assert.Equal(["a", "c"], forecaster.Types);
    }

    [Fact]
    public void The_next_event_of_a_type_given_up_or_replaced_counts_in_its_new_state()
    {
        var forecaster = Forecaster(maxTypes: 10);
        forecaster.Observe("moving");
        var snapshot = forecaster.SaveState("moving")!;
        forecaster.Observe("moving");
        forecaster.Observe("moving");

        Assert.True(forecaster.Forget("moving"));
        Assert.Equal(1, forecaster.Observe("moving").ArrivalsInBucket);

        forecaster.RestoreState("moving", snapshot);
        Assert.Equal(2, forecaster.Observe("moving").ArrivalsInBucket);
    }

    [Fact]
    public void The_configurator_marks_a_type_seen_at_the_time_its_load_was_counted_once_per_touch_interval()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions { Low = 5, Medium = 50, Hysteresis = 0 }, _time, Bound(2));
        PredictedLoad Counted(TimeSpan after) =>
            new(_time.GetUtcNow(), TimeSpan.FromMinutes(1), 0, new Forecast(60, 60, 60), default) { CountedAt = _time.GetUtcNow() + after };

        selector.Select("a", Counted(TimeSpan.Zero));
        selector.Select("b", Counted(TimeSpan.Zero));
        _time.Advance(TimeSpan.FromSeconds(1));
        selector.Select("a", Counted(LoadForecaster.TouchInterval));
        selector.Select("c", Counted(LoadForecaster.TouchInterval));

        Assert.NotNull(selector.Select("a", Counted(LoadForecaster.TouchInterval)).PreviousProfile);
        Assert.Null(selector.Select("b", Counted(LoadForecaster.TouchInterval)).PreviousProfile);
    }
}
