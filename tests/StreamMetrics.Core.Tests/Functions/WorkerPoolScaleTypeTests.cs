using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class WorkerPoolScaleTypeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly MetricConfig Checkout = new("checkout", BuiltInProfiles.Standard);
    private static readonly MetricConfig Search = new("search", BuiltInProfiles.Standard);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private WorkerPool Pool() =>
        new(new WorkerPoolOptions { ColdStart = TimeSpan.FromMilliseconds(250), InitialParallelism = 8, MaxParallelism = 64 },
            new FunctionCatalog(new NoopFunction()), _time);

    private async Task Invoke(WorkerPool pool, MetricConfig config)
    {
        var run = pool.InvokeAsync(new StreamEvent(config.EventType, "k", DateTimeOffset.UnixEpoch, null), config, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public void A_type_never_invoked_is_not_pre_warmed()
    {
        var pool = Pool();
        Assert.Equal(0, pool.ScaleType("checkout", 3, TimeSpan.Zero));
        Assert.Equal(0, pool.Statistics().Instances);
    }

    [Fact]
    public async Task The_floor_pre_warms_only_that_type_with_its_latest_config()
    {
        var pool = Pool();
        await Invoke(pool, Checkout);
        await Invoke(pool, Search);

        Assert.Equal(2, pool.ScaleType("checkout", 3, TimeSpan.FromSeconds(30)));
        var types = pool.Statistics().Types;
        Assert.Equal((3, 1), (types["checkout"].Instances, types["search"].Instances));
        Assert.Equal(3, types["checkout"].ColdStarts);

        // Pre-warmed instances are ready after one cold start and serve warm.
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 4, "the pre-warmed instances are ready");
        var warm = await pool.InvokeAsync(new StreamEvent("checkout", "k", DateTimeOffset.UnixEpoch, null), Checkout, CancellationToken.None).WaitAsync(Timeout);
        Assert.False(warm.ColdStart);
    }

    [Fact]
    public async Task A_profile_switch_warms_the_new_config_while_the_old_one_serves_then_retires_the_old_idle_instances()
    {
        var pool = Pool();
        await Invoke(pool, Checkout);
        pool.ScaleType("checkout", 3, TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 3, "the standard instances are ready");

        // The switch starts three debug instances; the debug invocation runs warm on a standard one meanwhile.
        var debug = Checkout with { Profile = BuiltInProfiles.Debug };
        var handedOver = await pool.InvokeAsync(new StreamEvent("checkout", "k", DateTimeOffset.UnixEpoch, null), debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.False(handedOver.ColdStart);
        Assert.StartsWith("checkout/standard/", handedOver.InstanceId);
        Assert.Equal((6, 3), (pool.Statistics().Types["checkout"].Instances, pool.Statistics().Starting));

        // While the debug instances start, the standard ones stay; once they are warm, the standard ones go at once,
        // long before their idle timeout, for they can never run again.
        Assert.Equal(0, pool.ScaleType("checkout", 3, TimeSpan.FromMinutes(10)));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Starting == 0, "the debug instances are ready");
        Assert.Equal(-3, pool.ScaleType("checkout", 3, TimeSpan.FromMinutes(10)));
        var warm = await pool.InvokeAsync(new StreamEvent("checkout", "k", DateTimeOffset.UnixEpoch, null), debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.False(warm.ColdStart);
        Assert.StartsWith("checkout/debug/", warm.InstanceId);
        Assert.Equal((3, 1L), (pool.Statistics().Types["checkout"].Instances, pool.Statistics().Types["checkout"].OnDemandStarts));
    }

    [Fact]
    public async Task Idle_instances_above_the_floor_retire_after_the_idle_timeout_oldest_first()
    {
        var pool = Pool();
        await Invoke(pool, Checkout);
        pool.ScaleType("checkout", 4, TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 4, "the pre-warmed instances are ready");

        Assert.Equal(0, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(-3, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, pool.Statistics().Types["checkout"].Instances);
        Assert.Equal(1, pool.Statistics().Instances);
    }
}
