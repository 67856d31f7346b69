using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Simulation;

public sealed class LivePolicyCatalogTests
{
    [Theory]
    [InlineData("predictive")]
    [InlineData("kpa")]
    [InlineData("keepalive")]
    [InlineData("hybrid")]
    public void Each_type_gets_its_own_instance_of_the_simulators_policy(string name)
    {
        var create = PolicyCatalog.Live(name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch);
        var a = create("a");
        var b = create("b");
        Assert.NotSame(a, b);
        Assert.Equal(PolicyCatalog.Get(name).Create(new PolicyContext("a", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch, null)).GetType(), a.GetType());
    }

    [Theory]
    [InlineData("oracle")]
    [InlineData("oracle-minute")]
    [InlineData("nope")]
    public void Policies_that_need_the_future_or_are_unknown_are_refused_naming_the_live_ones(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => PolicyCatalog.Live(name, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch));
        Assert.Contains($"policy = '{name}'", error.Message);
        Assert.Contains("predictive, kpa, keepalive, hybrid", error.Message);
    }
}
