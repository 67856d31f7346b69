using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class WorkerPoolTypeBoundTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private WorkerPool Pool(int maxTypes, IFunction? busyFunction = null) =>
        new(new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 8, MaxParallelism = 64, KeepAlive = TimeSpan.FromDays(1) },
            new FunctionCatalog(new NoopFunction(), busyFunction is null ? null : new Dictionary<string, IFunction> { ["busy"] = busyFunction }),
            _time, types: new TypeTableOptions { MaxTypes = maxTypes, IdleTimeout = Idle });

    /// <summary>Minimal samples latency every 100 events: an every-N counter the pool shares per config.</summary>
    private static MetricConfig Minimal(string type) => new(type, BuiltInProfiles.Minimal);

    private static Task<Invocation> Invoke(WorkerPool pool, string type) =>
        pool.InvokeAsync(new StreamEvent(type, "k", DateTimeOffset.UnixEpoch, null), Minimal(type), CancellationToken.None).WaitAsync(Timeout);

    [Fact]
    public async Task A_new_type_at_capacity_retires_the_least_recently_seen_types_instances_and_keeps_the_totals()
    {
        var pool = Pool(maxTypes: 2);
        await Invoke(pool, "a");
        await Invoke(pool, "b");
        Assert.Equal(1, pool.Counters.Count(Minimal("a"), MetricNames.LatencyMs));

        await Invoke(pool, "c");

        var statistics = pool.Statistics();
        Assert.Equal(["b", "c"], statistics.Types.Keys.Order());
        Assert.Equal(2, pool.TypeCount);
        // a's idle instance retired through the lifecycle, its sampling counter went with it, and the totals still count a.
        Assert.Equal((2, 2), (statistics.Instances, statistics.Idle));
        Assert.Equal(0, pool.Counters.Count(Minimal("a"), MetricNames.LatencyMs));
        Assert.Equal((3L, 3L, 3L), (statistics.Arrivals, statistics.Invocations, statistics.ColdStarts));
    }

    [Fact]
    public async Task A_returning_type_starts_afresh_with_a_new_instance()
    {
        var pool = Pool(maxTypes: 1);
        var first = await Invoke(pool, "a");
        await Invoke(pool, "b");

        var again = await Invoke(pool, "a");

        Assert.True(again.ColdStart);
        Assert.NotEqual(first.InstanceId, again.InstanceId);
        Assert.Equal(1, pool.Statistics().Types["a"].Invocations);
        Assert.Equal(3, pool.Statistics().ColdStarts);
    }

    [Fact]
    public async Task A_type_with_an_invocation_in_flight_is_not_forgotten()
    {
        var function = new BlockingFunction();
        var pool = Pool(maxTypes: 2, function);
        var busy = Invoke(pool, "busy");
        await Eventually.True(() => function.Running == 1, "the busy type runs");
        await Invoke(pool, "b");
        await Invoke(pool, "c");

        Assert.Equal(["busy", "c"], pool.Statistics().Types.Keys.Order());
        function.Release(1);
        await busy;
        Assert.Equal(1, pool.Statistics().Types["busy"].Invocations);
    }

    [Fact]
    public async Task Types_idle_for_the_timeout_are_forgotten_with_their_instances()
    {
        var pool = Pool(maxTypes: 10);
        await Invoke(pool, "quiet");
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        await Invoke(pool, "busy");
        Assert.Equal(0, pool.ForgetIdleTypes());

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, pool.ForgetIdleTypes());
        var statistics = pool.Statistics();
        Assert.Equal(["busy"], statistics.Types.Keys);
        Assert.Equal(1, statistics.Instances);
        Assert.Equal(2, statistics.Invocations);
    }
}
