using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Profiles;

public sealed class ProfileCatalogTests
{
    private static readonly MetricProfile Audit = new("audit", [new(MetricNames.LatencyMs, new SamplingRule.EveryEvent())], TimeSpan.FromDays(7));

    [Fact]
    public void Built_ins_are_minimal_standard_debug_in_rising_detail()
    {
        Assert.Equal(["minimal", "standard", "debug"], ProfileCatalog.BuiltIn.All.Select(p => p.Name));
        var counts = ProfileCatalog.BuiltIn.All.Select(p => p.Metrics.Count).ToArray();
        Assert.True(counts[0] < counts[1] && counts[1] < counts[2]);
        Assert.Equal(MetricNames.All, ProfileCatalog.BuiltIn.Get("debug").Metrics.Select(m => m.Metric));
        Assert.All(ProfileCatalog.BuiltIn.Get("debug").Metrics, m => Assert.IsType<SamplingRule.EveryEvent>(m.Sampling));
    }

    [Fact]
    public void Built_ins_are_valid_profiles()
    {
        foreach (var profile in ProfileCatalog.BuiltIn.All)
            Assert.Null(ProfileValidation.FirstError(profile, profile.Name));
    }

    [Fact]
    public void Unknown_name_lists_known_names()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ProfileCatalog.BuiltIn.Get("audit"));
        Assert.Contains("'audit'", error.Message);
        Assert.Contains("minimal, standard, debug", error.Message);
        Assert.False(ProfileCatalog.BuiltIn.TryGet("audit", out _));
    }

    [Fact]
    public void User_profiles_are_added_after_built_ins()
    {
        var catalog = ProfileCatalog.BuiltIn.With([Audit]);
        Assert.Equal(["minimal", "standard", "debug", "audit"], catalog.All.Select(p => p.Name));
        Assert.Same(Audit, catalog.Get("audit"));
        Assert.Equal("metrics.audit", catalog.Get("audit").Topic);
        Assert.False(ProfileCatalog.BuiltIn.Contains("audit"));
    }

    [Fact]
    public void A_user_profile_with_a_built_in_name_replaces_it_in_place()
    {
        var mine = new MetricProfile("minimal", [new(MetricNames.ColdStart, new SamplingRule.EveryEvent())], TimeSpan.FromDays(2));
        var catalog = ProfileCatalog.BuiltIn.With([mine]);
        Assert.Equal(["minimal", "standard", "debug"], catalog.All.Select(p => p.Name));
        Assert.Same(mine, catalog.Get("minimal"));
    }

    [Theory]
    [InlineData("Audit")]
    [InlineData("au dit")]
    [InlineData("-audit")]
    [InlineData("")]
    public void Bad_names_are_rejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ProfileCatalog.BuiltIn.With([Audit with { Name = name }]));
        Assert.Contains("lower case letters", error.Message);
    }

    [Fact]
    public void Unknown_metric_is_rejected_with_the_known_ones()
    {
        var typo = Audit with { Metrics = [new("latency", new SamplingRule.EveryEvent())] };
        var error = Assert.Throws<ArgumentException>(() => ProfileCatalog.BuiltIn.With([typo]));
        Assert.Contains("profiles.audit.metrics.latency", error.Message);
        Assert.Contains("latency_ms, queue_wait_ms", error.Message);
    }

    [Fact]
    public void Retention_out_of_range_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ProfileCatalog.BuiltIn.With([Audit with { Retention = TimeSpan.FromSeconds(5) }]));
        Assert.Contains("profiles.audit.retention = 5s", error.Message);
    }

    [Fact]
    public void The_same_profile_twice_is_rejected() =>
        Assert.Contains("defined twice", Assert.Throws<ArgumentException>(() => ProfileCatalog.BuiltIn.With([Audit, Audit])).Message);
}
