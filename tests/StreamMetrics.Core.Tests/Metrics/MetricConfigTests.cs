using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Metrics;

public sealed class MetricConfigTests
{
    [Fact]
    public void Configs_of_the_same_type_and_profile_are_equal_and_hash_alike_whichever_was_hashed_first()
    {
        var first = new MetricConfig("orders", BuiltInProfiles.Debug);
        var hash = first.GetHashCode();
        var second = new MetricConfig("orders", BuiltInProfiles.Debug);

        Assert.Equal(first, second);
        Assert.Equal(hash, second.GetHashCode());
        Assert.NotEqual(first, new MetricConfig("orders", BuiltInProfiles.Minimal));
        Assert.NotEqual(first, new MetricConfig("payments", BuiltInProfiles.Debug));
    }

    [Fact]
    public void A_copy_naming_another_type_is_another_config_and_hashes_as_one_made_for_that_type()
    {
        var orders = new MetricConfig("orders", BuiltInProfiles.Standard);
        _ = orders.GetHashCode();

        var payments = orders with { EventType = "payments" };

        Assert.NotEqual(orders, payments);
        Assert.Equal(new MetricConfig("payments", BuiltInProfiles.Standard).GetHashCode(), payments.GetHashCode());
        var byConfig = new Dictionary<MetricConfig, string> { [orders] = "orders", [payments] = "payments" };
        Assert.Equal("payments", byConfig[new MetricConfig("payments", BuiltInProfiles.Standard)]);
    }
}
