using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Core.Tests.Scaling;

public sealed class ScalingPoliciesTests
{
    [Fact]
    public void Every_named_policy_is_created_under_its_name()
    {
        foreach (var name in ScalingPolicies.Names)
            Assert.Equal(name, ScalingPolicies.Create(name).Name);
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ScalingPolicies.Create("hpa"));
        Assert.Contains("policy = 'hpa' is unknown: use one of predictive, kpa, keepalive, hybrid, reactive", error.Message);
    }
}
