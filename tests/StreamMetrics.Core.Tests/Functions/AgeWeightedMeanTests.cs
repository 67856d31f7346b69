using StreamMetrics.Core.Functions;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class AgeWeightedMeanTests
{
    [Fact]
    public void Before_any_execution_the_mean_is_zero_and_then_the_first_is_the_mean()
    {
        var mean = new AgeWeightedMean();
        Assert.False(mean.HasValue);
        Assert.Equal(0, mean.Seconds);

        mean.Add(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(40));

        Assert.True(mean.HasValue);
        Assert.Equal(0.25, mean.Seconds, 12);
    }

    [Fact]
    public void An_execution_that_ended_one_memory_earlier_weighs_one_over_e()
    {
        var mean = new AgeWeightedMean();
        mean.Add(1.0, 100);
        mean.Add(3.0, 100 + AgeWeightedMean.Memory.TotalSeconds);

        var older = Math.Exp(-1);
        Assert.Equal((1.0 * older + 3.0) / (older + 1), mean.Seconds, 12);
    }

    [Fact]
    public void Executions_ending_together_weigh_the_same()
    {
        var mean = new AgeWeightedMean();
        mean.Add(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        mean.Add(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(1.5), mean.Value);
    }
}
