using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class PoissonQuantileTests
{
    [Theory]
    [InlineData(2.0, 0.05, 6)]   // P(N >= 5) = 0.053, P(N >= 6) = 0.017
    [InlineData(2.0, 0.2, 4)]    // P(N >= 4) = 0.143, P(N >= 3) = 0.323
    [InlineData(0.1, 0.01, 2)]   // P(N >= 1) = 0.095, P(N >= 2) = 0.0047
    public void Covering_is_the_fewest_instances_whose_all_busy_chance_is_within_the_tail(double mean, double tail, int expected) =>
        Assert.Equal(expected, PoissonQuantile.Covering(mean, tail));

    [Fact]
    public void Large_means_do_not_underflow()
    {
        var k = PoissonQuantile.Covering(2000, 0.001);

        Assert.InRange(k, 2000 + 3 * 44, 2000 + 3.3 * 45);
    }
}
