using Microsoft.Extensions.Time.Testing;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class ProfileSwitchTests
{
    // Per-type thresholds for "surge" (the defaults are far away, so only the override can explain a switch);
    // hysteresis 0.2 puts the bands at 80..120 events/s around medium = 100. The rule that runs debug through a type's
    // own peaks is off (peakShare 0): it switches on its own grounds, and PeakSelectionTests covers it.
    private const string Config = """
        {
          "selection": { "low": 5000, "medium": 9000, "hysteresis": 0.2, "peakShare": 0, "types": { "surge": { "low": 10, "medium": 100 } } },
          "functions": { "surge": { "function": "noop" } },
          "pool": { "coldStart": "0ms" }
        }
        """;

    [Fact]
    public async Task A_type_switches_profile_only_when_its_forecast_leaves_the_hysteresis_band()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        int[] bucketCounts = [50, 50, .. Enumerable.Repeat(110, 8), .. Enumerable.Repeat(200, 4), .. Enumerable.Repeat(90, 8), .. Enumerable.Repeat(30, 4)];
        var seen = new List<(double Forecast, string Profile)>();

        await using var harness = await PipelineHarness.StartAsync(Config, time, TimeSpan.FromSeconds(1));
        long produced = 0;
        foreach (var count in bucketCounts)
        {
            await harness.ProduceAsync(PipelineHarness.Events("surge", count));
            produced += count;
            await harness.WaitForProcessedAsync(produced);
            var forecast = harness.Service.Components.Forecaster.Snapshot().Single(f => f.EventType == "surge").PredictedRatePerSecond;
            seen.Add((forecast, harness.Service.Components.Counters.ProfileByType["surge"]));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var history = string.Join("; ", seen.Select(s => $"{s.Forecast:F1}->{s.Profile}"));
        for (var k = 1; k < seen.Count; k++)
        {
            var (forecast, profile) = seen[k];
            var previous = seen[k - 1].Profile;
            if (profile == previous)
                continue;
            Assert.False(InBand(forecast, 10) || InBand(forecast, 100),
                $"switch {previous}->{profile} at forecast {forecast:F1}, inside a hysteresis band; history: {history}");
            if (previous == "standard" && profile == "debug")
                Assert.True(forecast > 120, $"standard->debug at {forecast:F1}; history: {history}");
            if (previous == "debug" && profile == "standard")
                Assert.True(forecast < 80, $"debug->standard at {forecast:F1}; history: {history}");
        }
        Assert.Contains(seen, s => s.Forecast is > 100 and <= 120 && s.Profile == "standard");
        Assert.Contains(seen, s => s.Forecast is >= 80 and < 100 && s.Profile == "debug");
        Assert.Contains(seen, s => s.Profile == "debug");
        Assert.Equal("standard", seen[^1].Profile);
    }

    private static bool InBand(double forecast, double threshold) => forecast >= threshold * 0.8 && forecast <= threshold * 1.2;
}
