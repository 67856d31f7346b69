using System.Diagnostics;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>What Prometheus sees: <c>curl 127.0.0.1:PORT/metrics</c> while a demo runs with <c>--http</c>.</summary>
[Collection(nameof(LiveDemoCollection))]
public sealed class MetricsEndpointTests(LiveDemo demo)
{
    private static readonly string[] Stages = ["decode", "forecast", "configure", "pool", "publish"];

    [Fact]
    public async Task A_scrape_shows_every_family_with_live_values_and_processed_events_grow_between_scrapes_ten_seconds_apart()
    {
        var first = await ScrapeWhenWarmAsync();

        Assert.True(first.Sum("streammetrics_events_consumed_total") > 0);
        Assert.True(first.Of("streammetrics_events_processed_total").Count(s => s.Value > 0) >= 2, "processed events of at least two types");
        Assert.Single(first.Of("streammetrics_events_dead_lettered_total"));
        Assert.Single(first.Of("streammetrics_events_lost_total"));
        Assert.NotEmpty(first.Of("streammetrics_consumer_lag_records"));
        Assert.All(first.Of("streammetrics_consumer_lag_records"), s => Assert.True(s.Labels["topic"] == "events" && s.Value >= 0));
        Assert.Equal(22_296, first.Sum("streammetrics_events_in_flight_limit")); // the default the README documents
        Assert.InRange(first.Sum("streammetrics_events_in_flight"), 0, 22_296);
        Assert.True(first.Sum("streammetrics_consumer_assigned_partitions") > 0);
        Assert.InRange(first.Sum("streammetrics_consumer_poll_age_seconds"), 0, 10);
        Assert.Equal(1, first.Sum("streammetrics_ready"));
        Assert.True(first.Sum("streammetrics_pool_parallelism") > 0);
        Assert.True(first.Sum("streammetrics_pool_instances") > 0);
        Assert.NotEmpty(first.Of("streammetrics_pool_instances_executing"));
        Assert.True(first.Sum("streammetrics_pool_cold_starts_total") > 0);
        Assert.True(first.Of("streammetrics_type_profile").Count() >= 2);
        Assert.All(first.Of("streammetrics_type_profile"), s => Assert.Contains(s.Labels["profile"], new[] { "minimal", "standard", "debug" }));
        Assert.Single(first.Of("streammetrics_profile_switches_total"));
        Assert.True(first.Sum("streammetrics_actual_events_per_second") > 0);
        Assert.True(first.Sum("streammetrics_forecast_events_per_second") > 0);
        foreach (var forecast in first.Of("streammetrics_forecast_events_per_second"))
        {
            var type = forecast.Labels["type"];
            Assert.InRange(forecast.Value, first.Of("streammetrics_forecast_lower_events_per_second", "type", type).Single().Value,
                first.Of("streammetrics_forecast_upper_events_per_second", "type", type).Single().Value);
        }
        // Every demo type carries payloads: each one's data volume is forecast, within its bounds.
        Assert.True(first.Of("streammetrics_forecast_payload_bytes_per_second").Count(s => s.Value > 0) >= 2, "data volume forecast for at least two types");
        foreach (var forecast in first.Of("streammetrics_forecast_payload_bytes_per_second"))
        {
            var type = forecast.Labels["type"];
            Assert.InRange(forecast.Value, first.Of("streammetrics_forecast_lower_payload_bytes_per_second", "type", type).Single().Value,
                first.Of("streammetrics_forecast_upper_payload_bytes_per_second", "type", type).Single().Value);
        }
        Assert.True(first.Of("streammetrics_metric_records_total").Count(s => s.Value > 0) >= 2, "records in at least two metrics topics");
        Assert.True(first.Sum("streammetrics_metric_record_bytes_total") > 0);
        foreach (var stage in Stages)
            Assert.True(first.Of("streammetrics_stage_duration_seconds_count", "stage", stage).Single().Value > 0, $"no {stage} latency recorded");
        Assert.True(first.Sum("streammetrics_end_to_end_latency_seconds_count") > 0);

        // The interval Prometheus would scrape at, give or take; not a wait for a condition.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var second = PrometheusText.Parse(await demo.GetAsync("metrics"));

        Assert.True(second.Sum("streammetrics_events_processed_total") > first.Sum("streammetrics_events_processed_total"),
            $"processed {first.Sum("streammetrics_events_processed_total")} then {second.Sum("streammetrics_events_processed_total")}");
        Assert.True(second.Sum("streammetrics_end_to_end_latency_seconds_count") > first.Sum("streammetrics_end_to_end_latency_seconds_count"));
    }

    [Fact]
    public async Task Every_family_served_is_documented_in_README_with_its_type_and_every_documented_one_is_served()
    {
        var served = (await ScrapeWhenWarmAsync()).Types;
        var documented = File.ReadAllLines(RepositoryFiles.Path("README.md"))
            .Where(line => line.StartsWith("| `streammetrics_", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2]);

        Assert.Equal(documented.OrderBy(f => f.Key), served.OrderBy(f => f.Key));
    }

    [Fact]
    public async Task Healthz_answers_while_the_process_is_up_and_readyz_once_partitions_are_assigned_and_polled()
    {
        using var health = await demo.Http.GetAsync(new Uri(demo.Address, "healthz"));
        using var ready = await demo.Http.GetAsync(new Uri(demo.Address, "readyz"));

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.Content.ReadAsStringAsync()).Trim());
        Assert.StartsWith("text/plain; version=0.0.4", (await demo.Http.GetAsync(new Uri(demo.Address, "metrics"))).Content.Headers.ContentType!.ToString());
    }

    /// <summary>
    /// A scrape once the demo has a forecast, an actual rate and finished events: its first buckets must close first.
    /// </summary>
    private async Task<PrometheusText> ScrapeWhenWarmAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var scrape = PrometheusText.Parse(await demo.GetAsync("metrics"));
            if (scrape.Sum("streammetrics_forecast_events_per_second") > 0 && scrape.Sum("streammetrics_actual_events_per_second") > 0
                && scrape.Of("streammetrics_metric_records_total").Count(s => s.Value > 0) >= 2
                && scrape.Sum("streammetrics_end_to_end_latency_seconds_count") > 0
                && scrape.Of("streammetrics_forecast_payload_bytes_per_second").Count(s => s.Value > 0) >= 2)
            {
                return scrape;
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail("after 60 s the demo's metrics still lack a forecast, an actual rate, records in two topics, a finished event or two types' data volume");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
