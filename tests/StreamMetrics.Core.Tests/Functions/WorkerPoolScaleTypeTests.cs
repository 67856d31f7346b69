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

    private WorkerPool Pool(IFunction? function = null) =>
        new(new WorkerPoolOptions { ColdStart = TimeSpan.FromMilliseconds(250), InitialParallelism = 8, MaxParallelism = 64 },
            new FunctionCatalog(function ?? new NoopFunction()), _time);

    private static StreamEvent Event(MetricConfig config) => new(config.EventType, "k", DateTimeOffset.UnixEpoch, null);

    private async Task Invoke(WorkerPool pool, MetricConfig config)
    {
        var run = pool.InvokeAsync(Event(config), config, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await run.WaitAsync(Timeout);
    }

    /// <summary>
    /// Runs <paramref name="count"/> invocations of <paramref name="config"/> at once, each of which must find a warm
    /// instance (one that finds none starts an instance and would wait for its cold start), and returns them, finished.
    /// </summary>
    private static async Task<Invocation[]> InvokeWarmTogether(WorkerPool pool, BlockingFunction function, MetricConfig config, int count)
    {
        var runs = Enumerable.Range(0, count).Select(_ => pool.InvokeAsync(Event(config), config, CancellationToken.None)).ToList();
        await Eventually.True(() => function.Running == count || pool.Statistics().Starting > 0, () => $"{function.Running} of {count} invocations run together");
        Assert.True(pool.Statistics().Starting == 0, $"an invocation of {config.Profile.Name} found no warm instance and started one ({function.Running} of {count} running)");
        function.Release(count);
        return await Task.WhenAll(runs).WaitAsync(Timeout);
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
        var function = new BlockingFunction();
        var pool = Pool(function);
        var checkoutDebug = Checkout with { Profile = BuiltInProfiles.Debug };
        function.Release(3);
        await Invoke(pool, Checkout);
        await Invoke(pool, Search);
        // Checkout switches to debug: a debug instance starts to replace the standard one, which serves meanwhile.
        await Invoke(pool, checkoutDebug);
        await Eventually.True(() => pool.Statistics().Starting == 0, "the replacing debug instance is ready");

        // The floor of 3 retires the superseded standard instance and starts two of the latest config, debug: +2 - 1 = 1.
        Assert.Equal(1, pool.ScaleType("checkout", 3, TimeSpan.FromSeconds(30)));
        var types = pool.Statistics().Types;
        Assert.Equal((3, 1), (types["checkout"].Instances, types["search"].Instances));
        Assert.Equal(4, types["checkout"].ColdStarts);

        // Pre-warmed instances are ready after one cold start, and three debug invocations at once all run warm on them.
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 4, "the pre-warmed instances are ready");
        var warm = await InvokeWarmTogether(pool, function, checkoutDebug, 3);
        Assert.All(warm, w => Assert.StartsWith("checkout/debug/", w.InstanceId));
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
        var function = new BlockingFunction();
        var pool = Pool(function);
        function.Release(1);
        await Invoke(pool, Checkout);
        // Instances 2, 3 and 4 are pre-warmed one at a time, 1 s apart, so each became idle later than the one before:
        // instance 1 at 0.25 s, 2 at 1.5 s, 3 at 2.75 s, 4 at 4 s.
        for (var floor = 2; floor <= 4; floor++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, pool.ScaleType("checkout", floor, TimeSpan.FromSeconds(30)));
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Eventually.True(() => pool.Statistics().Idle == floor, () => $"{pool.Statistics().Idle} of {floor} instances ready");
        }

        // At 30.2 s the oldest, instance 1, has been idle for 29.95 s: none goes. At 34 s the newest, instance 4, has
        // been idle for 30 s, so all four have: a floor of 2 retires two of them, the oldest, instances 1 and 2.
        _time.Advance(TimeSpan.FromSeconds(26.2));
        Assert.Equal(0, pool.ScaleType("checkout", 2, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(3.8));
        Assert.Equal(-2, pool.ScaleType("checkout", 2, TimeSpan.FromSeconds(30)));
        Assert.Equal(2, pool.Statistics().Types["checkout"].Instances);

        var survivors = await InvokeWarmTogether(pool, function, Checkout, 2);
        Assert.Equal(["checkout/standard/3", "checkout/standard/4"], survivors.Select(i => i.InstanceId).Order());
    }
}
