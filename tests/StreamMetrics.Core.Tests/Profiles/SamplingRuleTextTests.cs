using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Profiles;

public sealed class SamplingRuleTextTests
{
    [Fact]
    public void Every_alone_is_every_event() =>
        Assert.Equal(new SamplingRule.EveryEvent(), SamplingRuleText.Parse("every", "k"));

    [Fact]
    public void Every_with_a_count_is_every_n_events() =>
        Assert.Equal(new SamplingRule.EveryNEvents(10), SamplingRuleText.Parse("every 10", "k"));

    [Fact]
    public void Every_one_is_every_event() =>
        Assert.Equal(new SamplingRule.EveryEvent(), SamplingRuleText.Parse("every 1", "k"));

    [Fact]
    public void Every_with_a_duration_is_an_interval() =>
        Assert.Equal(new SamplingRule.EveryInterval(TimeSpan.FromSeconds(5)), SamplingRuleText.Parse("every 5s", "k"));

    [Theory]
    [InlineData("")]
    [InlineData("each 10")]
    [InlineData("every 0")]
    [InlineData("every -3")]
    [InlineData("every 10 s")]
    [InlineData("every 5x")]
    [InlineData("every 0s")]
    [InlineData("every 2d")]
    [InlineData("Every")]
    public void Bad_text_names_key_value_and_allowed_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => SamplingRuleText.Parse(text, "profiles.audit.metrics.latency_ms"));
        Assert.Contains("profiles.audit.metrics.latency_ms", error.Message);
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains("\"every N\"", error.Message);
    }

    [Theory]
    [InlineData("every")]
    [InlineData("every 7")]
    [InlineData("every 250ms")]
    [InlineData("every 10s")]
    [InlineData("every 5m")]
    public void Format_reads_back_to_the_same_rule(string text)
    {
        var rule = SamplingRuleText.Parse(text, "k");
        Assert.Equal(text, SamplingRuleText.Format(rule));
        Assert.Equal(rule, SamplingRuleText.Parse(SamplingRuleText.Format(rule), "k"));
    }
}
