using StreamMetrics.Core.Scaling;
using static StreamMetrics.Core.Tests.Scaling.ScalingInputs;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class KeepAlivePolicyTests
{
    [Fact]
    public void Prewarms_nothing_and_retires_after_ten_idle_minutes()
    {
        var decision = new KeepAlivePolicy().Decide(Tick(current: 3, executing: 1, arrivals: 5), At(2));

        Assert.Equal(0, decision.DesiredInstances);
        Assert.Equal(TimeSpan.FromMinutes(10), decision.IdleTimeout);
        Assert.Equal(DateTimeOffset.MaxValue, decision.HoldsUntil);
    }

    [Fact]
    public void Keep_alive_is_configurable_and_validated()
    {
        Assert.Equal(TimeSpan.FromMinutes(20), new KeepAlivePolicy(new KeepAlivePolicyOptions { KeepAlive = TimeSpan.FromMinutes(20) }).Decide(Tick(), At(2)).IdleTimeout);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KeepAlivePolicy(new KeepAlivePolicyOptions { KeepAlive = TimeSpan.Zero }));
        Assert.Contains("keep-alive = 0s", error.Message);
    }
}
