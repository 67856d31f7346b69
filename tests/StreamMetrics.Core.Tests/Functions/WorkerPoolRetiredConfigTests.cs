using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>A type keeps its latest config's instances at hand; the lifecycle letting them go must not leave it claiming from stale ones.</summary>
public sealed class WorkerPoolRetiredConfigTests
{
    private static readonly MetricConfig Debug = new("checkout", BuiltInProfiles.Debug);
    private static readonly StreamEvent Event = new("checkout", "k", DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task After_its_configs_instances_all_retire_a_type_claims_the_instances_started_since()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var pool = new WorkerPool(
            new WorkerPoolOptions { ColdStart = TimeSpan.Zero, KeepAlive = TimeSpan.FromSeconds(5), InitialParallelism = 1, MaxParallelism = 1 },
            new FunctionCatalog(new NoopFunction()), time);
        var first = await pool.InvokeAsync(Event, Debug, CancellationToken.None);
        Assert.Equal(first.InstanceId, (await pool.InvokeAsync(Event, Debug, CancellationToken.None)).InstanceId);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, pool.RetireIdle());

        var restarted = await pool.InvokeAsync(Event, Debug, CancellationToken.None);
        var warm = await pool.InvokeAsync(Event, Debug, CancellationToken.None);

        // The retired instance's config was let go; the type's next invocation started another, and the one after ran on it.
        Assert.Equal(restarted.InstanceId, warm.InstanceId);
        Assert.Equal((2L, 1), (pool.Statistics().ColdStarts, pool.Statistics().Instances));
    }
}
