using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Profiles;

public sealed class PeakSelectionTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>The profile chosen in each minute for one event carrying the minute's count and its forecast.</summary>
    private static List<string> ProfilePerMinute(ProfileSelectorOptions options, int[] counts, Func<int, (double Point, double Upper)> forecast)
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, options);
        return [.. counts.Select((count, m) => selector.Select(new TypeForecast(
            "orders", DateTimeOffset.UnixEpoch + m * Minute, Minute, count,
            new Forecast(forecast(m).Point, 0, forecast(m).Upper))).Config.Profile.Name)];
    }

    /// <summary>10 events a minute (minimal by the thresholds) with two minutes of 500 every ten minutes: the peak level is 500.</summary>
    private static int[] QuietWithPeaks(int minutes) => [.. Enumerable.Range(0, minutes).Select(m => m % 10 >= 8 ? 500 : 10)];

    [Fact]
    public void A_type_runs_debug_through_its_own_peaks_once_it_has_learnt_them()
    {
        var counts = QuietWithPeaks(360);

        var profiles = ProfilePerMinute(new ProfileSelectorOptions(), counts, m => (counts[m], counts[m] * 1.1));

        // Nothing is known before five minutes have closed; once the first peaks (minutes 8 and 9) are among the known
        // minutes, every peak minute runs debug and every quiet one minimal.
        Assert.DoesNotContain("debug", profiles.Take(PeakWatch.RefreshBuckets));
        var later = Enumerable.Range(10, 350).ToList();
        Assert.All(later.Where(m => counts[m] == 500), m => Assert.Equal("debug", profiles[m]));
        Assert.All(later.Where(m => counts[m] == 10), m => Assert.Equal("minimal", profiles[m]));
    }

    [Fact]
    public void Debug_runs_while_the_upper_bound_within_the_reach_above_the_point_forecast_reaches_the_level()
    {
        // Level 500, a reach of 20 events: debug while min(upper, point + 20) >= 500. The upper bound of 600 alone never
        // decides.
        var counts = QuietWithPeaks(120);
        (double, double)[] after = [(490, 600), (480, 600), (479, 600), (300, 600), (495, 499)];

        var profiles = ProfilePerMinute(new ProfileSelectorOptions { PeakReach = 20 }, [.. counts, 10, 10, 10, 10, 10],
            m => m < 120 ? (counts[m], counts[m] * 1.1) : after[m - 120]);

        // Off the peak the thresholds decide again: 8/s and 5/s keep the standard the rising peak brought.
        Assert.Equal(["debug", "debug", "standard", "standard", "standard"], profiles[120..]);
    }

    [Fact]
    public void A_peak_share_of_zero_leaves_the_thresholds_alone()
    {
        var counts = QuietWithPeaks(180);

        var profiles = ProfilePerMinute(new ProfileSelectorOptions { PeakShare = 0 }, counts, m => (counts[m], counts[m] * 1.1));

        Assert.DoesNotContain("debug", profiles);
    }
}
