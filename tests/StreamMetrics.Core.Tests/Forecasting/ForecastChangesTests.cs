using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

/// <summary>A tick publishes a type's forecast only when it says something the last one published did not.</summary>
public sealed class ForecastChangesTests
{
    private static readonly ForecastModelOptions Models = new() { SeasonLength = 60 };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
    private readonly ForecastChanges _changes = new();
    private readonly LoadForecaster _forecaster;

    public ForecastChangesTests() =>
        _forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Auto, Models), _time);

    /// <summary>One tick a second: the types whose forecasts are news, in order.</summary>
    private List<string> Tick(Func<string, int>? status = null)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        _changes.BeginTick();
        var news = _forecaster.Snapshot().Where(f => _changes.IsNews(f, status?.Invoke(f.EventType) ?? 0)).Select(f => f.EventType).ToList();
        _changes.EndTick();
        return news;
    }

    [Fact]
    public void A_type_is_news_on_its_first_tick_and_on_each_tick_after_arrivals_and_not_while_idle_within_its_bucket()
    {
        _forecaster.Observe("orders", 10);
        _forecaster.Observe("search", 10);
        Assert.Equal(["orders", "search"], Tick().Order());

        _forecaster.Observe("orders", 10);
        Assert.Equal(["orders"], Tick());
        Assert.Empty(Tick());
        Assert.Empty(Tick());
        Assert.Equal(2, _changes.Count);
    }

    [Fact]
    public void Every_held_type_is_news_once_per_bucket_when_its_bucket_closes()
    {
        _forecaster.Observe("orders", 10);
        _forecaster.Observe("search", 10);
        var published = new Dictionary<string, int>(StringComparer.Ordinal) { ["orders"] = 0, ["search"] = 0 };
        // Three minutes of ticks with no arrivals: the first tick, then one record per type when each bucket closes.
        for (var second = 0; second < 180; second++)
        {
            foreach (var type in Tick())
                published[type]++;
        }
        Assert.Equal(4, published["orders"]);
        Assert.Equal(4, published["search"]);
    }

    [Fact]
    public void A_change_of_status_is_news_without_arrivals()
    {
        _forecaster.Observe("orders", 10);
        Tick(_ => 1);
        Assert.Empty(Tick(_ => 1));
        Assert.Equal(["orders"], Tick(_ => 2));
        Assert.Empty(Tick(_ => 2));
    }

    [Fact]
    public void A_type_missing_from_a_tick_is_forgotten_and_news_again_when_it_comes_back()
    {
        _forecaster.Observe("orders", 10);
        Tick();
        _forecaster.Forget("orders");
        Assert.Empty(Tick());
        Assert.Equal(0, _changes.Count);

        _forecaster.Observe("orders", 10);
        Assert.Equal(["orders"], Tick());
    }
}
