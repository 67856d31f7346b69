using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class PerTypePoliciesTests
{
    [Theory]
    [InlineData("predictive", typeof(PredictivePolicy))]
    [InlineData("kpa", typeof(KpaPolicy))]
    [InlineData("keepalive", typeof(KeepAlivePolicy))]
    [InlineData("hybrid", typeof(HybridHistogramPolicy))]
    public void Each_type_gets_its_own_instance_of_the_named_policy(string name, Type expected)
    {
        var create = ScalingPolicies.PerType(name);

        var a = create("a");
        var b = create("b");

        Assert.NotSame(a, b);
        Assert.IsType(expected, a);
        Assert.Equal(name, a.Name);
    }

    [Theory]
    [InlineData("oracle")]
    [InlineData("reactive")]
    [InlineData("nope")]
    public void Policies_that_cannot_scale_each_type_are_refused_naming_the_ones_that_can(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => ScalingPolicies.PerType(name));

        Assert.Contains($"policy = '{name}'", error.Message);
        Assert.Contains("predictive, kpa, keepalive, hybrid", error.Message);
    }
}
