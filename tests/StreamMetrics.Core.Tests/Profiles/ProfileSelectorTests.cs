using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Profiles;

public sealed class ProfileSelectorTests
{
    private static readonly ProfileSelectorOptions NoBand = new() { Low = 5, Medium = 50, Hysteresis = 0 };

    private static TypeForecast Rate(string type, double perSecond) =>
        new(type, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 0, Forecast.Exact(perSecond * 60));

    private static string First(ProfileSelectorOptions options, string type, double rate) =>
        new ProfileSelector(ProfileCatalog.BuiltIn, options).Select(Rate(type, rate)).Config.Profile.Name;

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4.99, "minimal")]
    [InlineData(5, "standard")]
    [InlineData(49.99, "standard")]
    [InlineData(50, "debug")]
    [InlineData(10_000, "debug")]
    public void Thresholds_map_rate_to_profile(double rate, string expected) =>
        Assert.Equal(expected, First(NoBand, "checkout", rate));

    [Fact]
    public void First_choice_ignores_the_band_and_is_not_a_switch()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions { Hysteresis = 0.2 });
        var choice = selector.Select(Rate("checkout", 5.5));
        Assert.Equal("standard", choice.Config.Profile.Name);
        Assert.Null(choice.PreviousProfile);
        Assert.False(choice.Switched);
        Assert.Equal(0, selector.Switches);
    }

    [Fact]
    public void Per_type_thresholds_override_the_global_ones_key_by_key()
    {
        var options = new ProfileSelectorOptions
        {
            Hysteresis = 0,
            Types = new Dictionary<string, TypeSelection> { ["checkout"] = new(Low: 1, Medium: 10), ["search"] = new(Medium: 20) },
        };
        Assert.Equal("standard", First(options, "checkout", 2));
        Assert.Equal("debug", First(options, "checkout", 10));
        Assert.Equal("minimal", First(options, "other", 2));
        Assert.Equal("minimal", First(options, "search", 4));
        Assert.Equal("debug", First(options, "search", 20));
    }

    [Fact]
    public void A_pinned_type_keeps_its_profile_whatever_the_load()
    {
        var catalog = ProfileCatalog.BuiltIn.With([new MetricProfile("audit", [new(MetricNames.LatencyMs, new SamplingRule.EveryEvent())], TimeSpan.FromDays(7))]);
        var options = new ProfileSelectorOptions { Types = new Dictionary<string, TypeSelection> { ["audit-log"] = new(Pin: "audit"), ["quiet"] = new(Pin: "minimal") } };
        var selector = new ProfileSelector(catalog, options);
        foreach (var rate in new double[] { 0, 1000, 3, 70, 0 })
        {
            Assert.Equal("audit", selector.Select(Rate("audit-log", rate)).Config.Profile.Name);
            Assert.Equal("minimal", selector.Select(Rate("quiet", rate)).Config.Profile.Name);
        }
        Assert.Equal(0, selector.Switches);
    }

    [Fact]
    public void A_pin_to_an_unknown_profile_is_rejected_with_the_known_ones()
    {
        var options = new ProfileSelectorOptions { Types = new Dictionary<string, TypeSelection> { ["audit-log"] = new(Pin: "audit") } };
        var error = Assert.Throws<ArgumentException>(() => new ProfileSelector(ProfileCatalog.BuiltIn, options));
        Assert.Contains("selection.types.audit-log.pin = 'audit'", error.Message);
        Assert.Contains("minimal, standard, debug", error.Message);
    }

    [Fact]
    public void Inside_the_band_the_profile_holds_and_past_it_the_profile_switches()
    {
        // low = 5, h = 0.2: up at 6 or more, down below 4.
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions { Low = 5, Medium = 50, Hysteresis = 0.2 });
        Assert.Equal("minimal", selector.Select(Rate("t", 1)).Config.Profile.Name);
        foreach (var rate in new[] { 4.5, 5, 5.9, 5.5, 5.99 })
            Assert.Equal("minimal", selector.Select(Rate("t", rate)).Config.Profile.Name);
        Assert.Equal(0, selector.Switches);

        var up = selector.Select(Rate("t", 6));
        Assert.Equal("standard", up.Config.Profile.Name);
        Assert.True(up.Switched);
        Assert.Equal("minimal", up.PreviousProfile);
        foreach (var rate in new[] { 5.9, 5, 4.1, 4 })
            Assert.Equal("standard", selector.Select(Rate("t", rate)).Config.Profile.Name);
        Assert.Equal(1, selector.Switches);

        var down = selector.Select(Rate("t", 3.99));
        Assert.Equal("minimal", down.Config.Profile.Name);
        Assert.Equal("standard", down.PreviousProfile);
        Assert.Equal(2, selector.Switches);
    }

    [Fact]
    public void A_jump_crosses_two_levels_in_one_switch()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions());
        selector.Select(Rate("t", 0));
        Assert.Equal("debug", selector.Select(Rate("t", 100)).Config.Profile.Name);
        Assert.Equal("minimal", selector.Select(Rate("t", 0)).Config.Profile.Name);
        Assert.Equal(2, selector.Switches);
    }

    [Fact]
    public void The_same_config_instance_is_returned_while_the_profile_holds()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, new ProfileSelectorOptions());
        var first = selector.Select(Rate("t", 10)).Config;
        Assert.Same(first, selector.Select(Rate("t", 12)).Config);
        Assert.Same(first, selector.Select(Rate("t", 55)).Config);
        var other = selector.Select(Rate("u", 10)).Config;
        Assert.NotSame(first, other);
        Assert.Equal("u", other.EventType);
        var switched = selector.Select(Rate("t", 61)).Config;
        Assert.Equal("debug", switched.Profile.Name);
        Assert.Same(switched, selector.Select(Rate("t", 70)).Config);
    }

    [Fact]
    public void Switches_are_counted_over_all_types()
    {
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, NoBand);
        foreach (var type in new[] { "a", "b", "c" })
        {
            selector.Select(Rate(type, 0));
            selector.Select(Rate(type, 10));
        }
        selector.Select(Rate("a", 100));
        Assert.Equal(4, selector.Switches);
        Assert.Equal("debug", selector.Current()["a"]);
        Assert.Equal("standard", selector.Current()["c"]);
    }

    [Theory]
    [InlineData(-1, 50, 0.2, "low = -1")]
    [InlineData(5, 5, 0.2, "medium = 5, must be a number greater than low = 5")]
    [InlineData(5, 50, 1, "hysteresis = 1")]
    [InlineData(5, 50, -0.1, "hysteresis = -0.1")]
    public void Invalid_options_name_key_and_value(double low, double medium, double hysteresis, string expected)
    {
        var options = new ProfileSelectorOptions { Low = low, Medium = medium, Hysteresis = hysteresis };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => options.Validate()).Message);
    }

    [Fact]
    public void A_type_measured_by_bytes_is_chosen_by_its_forecast_payload_bytes_per_second_not_its_rate()
    {
        var options = new ProfileSelectorOptions
        {
            Hysteresis = 0,
            Types = new Dictionary<string, TypeSelection> { ["upload"] = new(Low: 1_000, Medium: 100_000, By: LoadMeasure.Bytes) },
        };
        var selector = new ProfileSelector(ProfileCatalog.BuiltIn, options);
        // One event per second: minimal by rate, but 50 KB each is 50,000 bytes/s, standard by bytes.
        static TypeForecast Upload(double perSecond, double bytesPerSecond) =>
            Rate("upload", perSecond) with { Bytes = new ByteForecast(0, Forecast.Exact(bytesPerSecond * 60)) };

        Assert.Equal("standard", selector.Select(Upload(1, 50_000)).Config.Profile.Name);
        Assert.Equal("debug", selector.Select(Upload(1, 200_000)).Config.Profile.Name);
        Assert.Equal("minimal", selector.Select(Upload(60, 10)).Config.Profile.Name);
        Assert.Equal(2, selector.Switches);
        // A forecast without bytes (a record of an earlier schema) counts as no volume.
        Assert.Equal("minimal", selector.Select(Rate("upload", 500)).Config.Profile.Name);
        Assert.Equal("debug", selector.Select(Upload(60, 10) with { EventType = "other" }).Config.Profile.Name);
    }

    [Fact]
    public void A_global_by_bytes_applies_the_global_thresholds_to_bytes_per_second()
    {
        var options = new ProfileSelectorOptions { By = LoadMeasure.Bytes, Low = 1_000, Medium = 10_000, Hysteresis = 0 };
        var forecast = Rate("search", 100) with { Bytes = new ByteForecast(0, Forecast.Exact(5_000 * 60)) };

        Assert.Equal("standard", new ProfileSelector(ProfileCatalog.BuiltIn, options).Select(forecast).Config.Profile.Name);
        Assert.Equal(LoadMeasure.Bytes, options.MeasureFor("search"));
    }

    [Fact]
    public void A_per_type_medium_below_the_global_low_is_rejected()
    {
        var options = new ProfileSelectorOptions { Types = new Dictionary<string, TypeSelection> { ["t"] = new(Medium: 2) } };
        var error = Assert.Throws<ArgumentException>(() => options.Validate("selection."));
        Assert.Contains("selection.types.t.medium = 2, must be a number greater than selection.low = 5", error.Message);
    }
}
