using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Hosting.Http;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Hosting;
using StreamMetrics.Pipeline.Scaling;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>The live page's history on a fake clock: what it keeps, how long, and what a rate means.</summary>
public sealed class LoadHistoryTests
{
    private static readonly string[] Profiles = ["minimal", "standard", "debug"];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_history_holds_one_window_of_samples_however_long_the_service_runs()
    {
        var components = Components();
        var history = new LoadHistory(window: TimeSpan.FromMinutes(1), interval: TimeSpan.FromSeconds(1), rateWindow: TimeSpan.FromSeconds(10));
        var labels = new TypeLabels(10);

        for (var i = 0; i < 500; i++)
        {
            components.Forecaster.Observe("checkout");
            history.Add(LiveReading.Read(components, labels, _time), Profiles);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var window = history.Since(0);
        Assert.Equal(60, history.Capacity);
        Assert.Equal(60, window.Times.Length);
        Assert.Equal(window.Times.Order(), window.Times);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds(), window.Times[^1]);
        Assert.Equal(5, history.Since(window.Times[^6]).Times.Length);
    }

    [Fact]
    public async Task The_actual_rate_counts_the_pool_s_arrivals_over_a_forecast_bucket_and_a_type_seen_late_has_gaps_before_it()
    {
        var components = Components();
        var history = new LoadHistory(window: TimeSpan.FromMinutes(10), interval: TimeSpan.FromSeconds(1), rateWindow: TimeSpan.FromSeconds(4));
        var labels = new TypeLabels(10);
        history.Add(LiveReading.Read(components, labels, _time), Profiles);
        for (var second = 0; second < 8; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 3; i++)
                await Invoke(components, "checkout");
            if (second >= 6)
                await Invoke(components, "search");
            history.Add(LiveReading.Read(components, labels, _time), Profiles);
        }

        var window = history.Since(0);
        var checkout = window.Types.Single(t => t.Label == "checkout");
        var search = window.Types.Single(t => t.Label == "search");
        Assert.Equal(3, checkout.Actual[^1], precision: 3);
        Assert.Equal(3.0, history.LatestActual()["checkout"], precision: 6);
        Assert.All(search.Actual[..7], value => Assert.True(float.IsNaN(value)));
        Assert.Equal(0.5, search.Actual[^1], precision: 3); // two arrivals in the last four seconds
        Assert.Equal(1, search.ColdStarts[^2]);
    }

    [Fact]
    public async Task A_reading_sums_the_types_beyond_the_label_limit_under_other()
    {
        var components = Components();
        foreach (var type in new[] { "a", "b", "c", "d", "e" })
            await Invoke(components, type);

        var reading = LiveReading.Read(components, new TypeLabels(maxTypes: 3), _time);

        Assert.Equal(["a", "b", "c", TypeLabels.Other], reading.Types.Select(t => t.Label));
        Assert.Equal(2, reading.Types.Single(t => t.Label == TypeLabels.Other).Arrivals);
        Assert.Equal(2, reading.Types.Single(t => t.Label == TypeLabels.Other).ColdStarts);
    }

    private ServiceComponents Components() => new(
        new LoadForecaster(new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(4) }, ForecastModels.Factory(ForecastModels.Naive, new ForecastModelOptions()), _time),
        new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions()),
        new WorkerPool(new WorkerPoolOptions { ColdStart = TimeSpan.Zero }, new FunctionCatalog(new NoopFunction()), _time),
        new PipelineCounters(),
        new ParallelismPeak(),
        new ReactivePolicy(new ReactivePolicyOptions()),
        new StageLatencies(_time));

    private static Task Invoke(ServiceComponents components, string type) =>
        components.Pool.InvokeAsync(new Core.Events.StreamEvent(type, "k", DateTimeOffset.UnixEpoch, null),
            new Core.Metrics.MetricConfig(type, ProfileCatalog.BuiltIn.Get("minimal")), CancellationToken.None);
}
