using StreamMetrics.Replay.Simulation;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Simulation;

public class DurationSamplerTests
{
    /// <summary>The trace's busiest function: a p75 of 486 ms, a p99 of 3.8 s, and a recorded mean of 440 ms.</summary>
    private static readonly FunctionDurations HeavyTailed = new("f1de419dc75e", 440, 86, 130, 195, 261, 486, 3772, 9833);

    [Fact]
    public void Draws_average_the_recorded_mean_of_a_heavy_tailed_function()
    {
        var sampler = new DurationSampler(HeavyTailed);

        Assert.Equal(0.440, sampler.MeanSeconds, 6);
        Assert.Equal(0.440, MeanOfDraws(sampler), 2);
        Assert.True(sampler.Exponent > 1, $"exponent {sampler.Exponent}: a straight line between percentiles averages far above 440 ms");
    }

    [Fact]
    public void Draws_hit_every_published_percentile()
    {
        var sampler = new DurationSampler(HeavyTailed);

        var expected = HeavyTailed.PercentileValuesMs;
        for (var i = 0; i < FunctionDurations.Levels.Length - 1; i++)
            Assert.Equal(expected[i] / 1000, sampler.Sample(FunctionDurations.Levels[i]), 9);
        Assert.Equal(expected[^1] / 1000, sampler.Sample(1 - 1e-12), 6);
    }

    [Fact]
    public void A_mean_the_straight_line_already_gives_keeps_the_straight_line()
    {
        var linear = new FunctionDurations("even", 500.05, 10, 10, 250, 500, 750, 990, 1000);

        var sampler = new DurationSampler(linear);

        Assert.Equal(1, sampler.Exponent, 6);
        Assert.Equal(0.50005, sampler.MeanSeconds, 6);
    }

    [Fact]
    public void A_mean_out_of_reach_of_the_percentiles_gives_the_nearest_the_draws_can_average()
    {
        // A recorded mean below the p25 cannot be met by draws that hit the p25: the draws keep the percentiles.
        var impossible = new FunctionDurations("odd", 50, 100, 100, 200, 300, 400, 500, 600);

        var sampler = new DurationSampler(impossible);

        Assert.True(sampler.MeanSeconds > 0.1, $"mean {sampler.MeanSeconds}");
        Assert.Equal(sampler.MeanSeconds, MeanOfDraws(sampler), 2);
        Assert.Equal(0.2, sampler.Sample(0.25), 9);
    }

    [Fact]
    public void Zero_millisecond_functions_run_for_the_one_millisecond_floor()
    {
        var sampler = new DurationSampler(Scenarios.Constant("zero", 0));

        Assert.Equal(0.001, sampler.MeanSeconds, 9);
        Assert.Equal(0.001, sampler.Sample(0.5), 9);
    }

    private static double MeanOfDraws(DurationSampler sampler)
    {
        const int draws = 1_000_000;
        var sum = 0.0;
        for (var i = 0; i < draws; i++)
            sum += sampler.Sample((i + 0.5) / draws);
        return sum / draws;
    }
}
