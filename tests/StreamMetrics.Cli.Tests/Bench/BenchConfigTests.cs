using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Hosting.Bench;
using StreamMetrics.Kafka.Bench;

namespace StreamMetrics.Cli.Tests.Bench;

public sealed class BenchConfigTests
{
    [Theory]
    [InlineData(BenchProfile.Minimal, "minimal")]
    [InlineData(BenchProfile.Debug, "debug")]
    public void A_pinned_bench_profile_runs_every_type_on_it_from_its_first_event_whatever_its_load(BenchProfile profile, string expected)
    {
        var config = BenchConfig.For(profile, types: 3);
        var selector = new ProfileSelector(config.Profiles, config.Selection);

        foreach (var type in Enumerable.Range(0, 3).Select(BenchEvents.TypeName))
        {
            Assert.Equal(expected, selector.Select(type, new PredictedLoad(0, 0)).Config.Profile.Name);
            Assert.Equal(expected, selector.Select(type, new PredictedLoad(1e6, 1e9)).Config.Profile.Name);
        }
    }
}
