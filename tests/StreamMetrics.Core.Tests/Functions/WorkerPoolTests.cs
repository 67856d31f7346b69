using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class WorkerPoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly MetricConfig Debug = new("checkout", BuiltInProfiles.Debug);
    private static readonly MetricConfig Standard = new("checkout", BuiltInProfiles.Standard);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private static StreamEvent Event(string type = "checkout") => new(type, "k", DateTimeOffset.UnixEpoch, null);

    private WorkerPool Pool(IFunction? function = null, TimeSpan? coldStart = null, int initial = 4, int max = 64) =>
        new(new WorkerPoolOptions { ColdStart = coldStart ?? TimeSpan.FromMilliseconds(250), InitialParallelism = initial, MaxParallelism = max },
            new FunctionCatalog(function ?? new NoopFunction()), _time);

    /// <summary>Runs one invocation of <paramref name="config"/> on a new instance, through its 250 ms cold start.</summary>
    private async Task<Invocation> RunColdAsync(WorkerPool pool, MetricConfig config)
    {
        var run = pool.InvokeAsync(Event(config.EventType), config, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        return await run.WaitAsync(Timeout);
    }

    private static Dictionary<string, double> Values(Invocation invocation) =>
        invocation.Samples.ToDictionary(s => s.Metric, s => s.Value);

    [Fact]
    public async Task A_new_instance_awaits_its_cold_start_on_the_clock_and_records_it()
    {
        var pool = Pool();
        var run = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        Assert.Equal(1, pool.Statistics().Starting);
        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var invocation = await run.WaitAsync(Timeout);

        Assert.True(invocation.ColdStart);
        Assert.Equal(TimeSpan.FromMilliseconds(250), invocation.Latency);
        Assert.Equal(TimeSpan.Zero, invocation.QueueWait);
        Assert.Equal(new Dictionary<string, double> { ["queue_wait_ms"] = 0, ["cold_start"] = 250, ["latency_ms"] = 250, ["cpu_time_ms"] = 0 }, Values(invocation));
        Assert.All(invocation.Samples, s => Assert.Equal((invocation.InstanceId, "checkout", "debug"), (s.InstanceId, s.EventType, s.Profile)));
        var stats = pool.Statistics();
        Assert.Equivalent(new { Instances = 1, Executing = 0, Idle = 1, Starting = 0, ColdStarts = 1L, Invocations = 1L, InstancesMax = 1 }, stats);
    }

    [Fact]
    public async Task A_warm_idle_instance_of_the_same_config_is_reused()
    {
        var pool = Pool();
        var cold = await RunColdAsync(pool, Debug);

        var warm = await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(cold.InstanceId, warm.InstanceId);
        Assert.False(warm.ColdStart);
        Assert.Equal(0, Values(warm)["cold_start"]);
        Assert.Equal(1, pool.Statistics().ColdStarts);
    }

    [Fact]
    public async Task A_new_config_is_served_by_the_old_configs_idle_instance_until_its_own_is_warm_then_the_old_one_retires()
    {
        var pool = Pool();
        var old = await RunColdAsync(pool, Standard);

        // The switch starts a debug instance; meanwhile the idle standard instance runs the debug invocation warm.
        var handedOver = await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(old.InstanceId, handedOver.InstanceId);
        Assert.False(handedOver.ColdStart);
        Assert.StartsWith("checkout/standard/", handedOver.InstanceId);
        var stats = pool.Statistics();
        Assert.Equal((2, 1, 2L), (stats.Instances, stats.Starting, stats.ColdStarts));
        Assert.Equal(1, stats.Types["checkout"].OnDemandStarts);

        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 2, "the debug instance is ready");
        var fresh = await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.NotEqual(old.InstanceId, fresh.InstanceId);
        Assert.False(fresh.ColdStart);
        Assert.StartsWith("checkout/debug/", fresh.InstanceId);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(2, pool.RetireIdle());
        Assert.Equal(0, pool.Statistics().Instances);
    }

    [Fact]
    public async Task Once_the_new_configs_instances_are_warm_the_old_configs_idle_ones_no_longer_serve()
    {
        var blocking = new BlockingFunction();
        var pool = Pool(blocking);
        var first = pool.InvokeAsync(Event(), Standard, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => blocking.Running == 1, "the standard invocation runs");
        blocking.Release(1);
        await first.WaitAsync(Timeout);
        var handedOver = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        blocking.Release(1);
        Assert.StartsWith("checkout/standard/", (await handedOver.WaitAsync(Timeout)).InstanceId);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 2, "the debug instance is ready beside the idle standard one");

        var onDebug = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        await Eventually.True(() => blocking.Running == 1, "the first debug invocation runs on the debug instance");
        // The debug instance is busy and none is starting: the next one starts its own rather than run as standard.
        var next = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => blocking.Running == 2, "the second debug invocation runs after its cold start");
        blocking.Release(2);
        var (a, b) = (await onDebug.WaitAsync(Timeout), await next.WaitAsync(Timeout));
        Assert.StartsWith("checkout/debug/", a.InstanceId);
        Assert.StartsWith("checkout/debug/", b.InstanceId);
        Assert.True(b.ColdStart);
    }

    [Fact]
    public async Task Idle_instances_retire_exactly_at_keep_alive()
    {
        var pool = Pool(coldStart: TimeSpan.Zero);
        await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        _time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        Assert.Equal(0, pool.RetireIdle());
        Assert.Equal(1, pool.Statistics().Idle);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, pool.RetireIdle());
        Assert.Equal((0, 0), (pool.Statistics().Instances, pool.Statistics().Idle));
        var next = await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.True(next.ColdStart);
    }

    [Fact]
    public async Task The_parallelism_limit_holds_under_concurrency_and_changes_at_run_time()
    {
        var function = new BlockingFunction();
        var pool = Pool(function, coldStart: TimeSpan.Zero, initial: 2, max: 8);
        var runs = Enumerable.Range(0, 10).Select(_ => Task.Run(() => pool.InvokeAsync(Event(), Debug, CancellationToken.None))).ToArray();
        await Eventually.True(() => function.Running == 2 && pool.Statistics().Queued == 8, "2 running, 8 queued");

        pool.SetParallelism(5);
        await Eventually.True(() => function.Running == 5 && pool.Statistics().Queued == 5, "5 running, 5 queued after raising the limit");

        pool.SetParallelism(1);
        Assert.Equal(1, pool.Parallelism);
        Assert.Equal(5, pool.Statistics().Running);
        function.Release(5);
        await Eventually.True(() => runs.Count(r => r.IsCompleted) == 5 && function.Running == 1 && pool.Statistics().Queued == 4, "the 5 finish, then 1 runs under the lowered limit");

        function.Release(5);
        var invocations = await Task.WhenAll(runs).WaitAsync(Timeout);
        Assert.Equal(5, function.MaxRunning);
        Assert.Equal(5, invocations.Select(i => i.InstanceId).Distinct().Count());
        var stats = pool.Statistics();
        Assert.Equivalent(new { Invocations = 10L, Running = 0, Queued = 0, InstancesMax = 5 }, stats);
    }

    [Fact]
    public void Parallelism_is_clamped_to_one_and_the_maximum()
    {
        var pool = Pool(max: 16);
        Assert.Equal(4, pool.Parallelism);
        pool.SetParallelism(0);
        Assert.Equal(1, pool.Parallelism);
        pool.SetParallelism(1000);
        Assert.Equal(16, pool.Parallelism);
    }

    [Fact]
    public async Task Queue_wait_is_measured_and_recorded()
    {
        var function = new BlockingFunction();
        var pool = Pool(function, coldStart: TimeSpan.Zero, initial: 1);
        var first = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        var second = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        await Eventually.True(() => function.Running == 1, "first running");
        _time.Advance(TimeSpan.FromMilliseconds(70));
        function.Release(1);
        await first.WaitAsync(Timeout);
        await Eventually.True(() => function.Running == 1, "second running");
        function.Release(1);
        var waited = await second.WaitAsync(Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(70), waited.QueueWait);
        Assert.Equal(70, Values(waited)["queue_wait_ms"]);
        Assert.False(waited.ColdStart);
    }

    [Fact]
    public async Task A_pre_warmed_instance_starts_off_the_request_path_and_serves_warm()
    {
        var pool = Pool();
        var cold = await RunColdAsync(pool, Debug);
        Assert.Equal(2, pool.ScaleType("checkout", 3, TimeSpan.FromSeconds(30)));
        Assert.Equal((2, 3L), (pool.Statistics().Starting, pool.Statistics().ColdStarts));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.True(() => pool.Statistics().Idle == 3, "both pre-warmed instances idle beside the first");

        // The newest idle instance serves: one of the pre-warmed ones.
        var invocation = await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.NotEqual(cold.InstanceId, invocation.InstanceId);
        Assert.False(invocation.ColdStart);
        Assert.Equal(0, Values(invocation)["cold_start"]);
        Assert.Equal(3, pool.Statistics().ColdStarts);
    }

    [Fact]
    public async Task An_invocation_takes_a_pre_warmed_instance_still_starting_and_waits_only_the_rest()
    {
        var pool = Pool();
        await RunColdAsync(pool, Debug);
        _time.Advance(pool.Options.KeepAlive);
        Assert.Equal(1, pool.RetireIdle());
        Assert.Equal(1, pool.ScaleType("checkout", 1, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var run = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        var invocation = await run.WaitAsync(Timeout);
        Assert.True(invocation.ColdStart);
        Assert.Equal(150, Values(invocation)["cold_start"]);
        Assert.Equal((2L, 1), (pool.Statistics().ColdStarts, pool.Statistics().Instances));
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place_and_leaks_no_slot()
    {
        var function = new BlockingFunction();
        var pool = Pool(function, coldStart: TimeSpan.Zero, initial: 1);
        var first = pool.InvokeAsync(Event(), Debug, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var queued = pool.InvokeAsync(Event(), Debug, cancel.Token);
        await Eventually.True(() => pool.Statistics().Queued == 1, "second queued");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Timeout));
        Assert.Equal(0, pool.Statistics().Queued);
        function.Release(2);
        await first.WaitAsync(Timeout);
        await pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal((0, 2L), (pool.Statistics().Running, pool.Statistics().Invocations));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failing_function_returns_its_instance_and_its_slot(bool failsAfterYielding)
    {
        var pool = Pool(new FailingFunction(failsAfterYielding), coldStart: TimeSpan.Zero, initial: 1);
        // The first invocation starts the instance, the second finds it warm: each path gives back what it took.
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(Event(), Debug, CancellationToken.None).WaitAsync(Timeout));
        var stats = pool.Statistics();
        Assert.Equivalent(new { Running = 0, Idle = 1, Executing = 0, InFlight = 0, ColdStarts = 1L, Invocations = 0L, Arrivals = 2L }, stats);
    }

    [Fact]
    public async Task Pool_metrics_follow_the_profile_rules_exactly_across_concurrent_instances()
    {
        var pool = Pool(coldStart: TimeSpan.Zero, initial: 8);
        var invocations = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => pool.InvokeAsync(Event(), Standard, CancellationToken.None)))).WaitAsync(Timeout);
        var samples = invocations.SelectMany(i => i.Samples).ToList();
        var instances = invocations.Select(i => i.InstanceId).Distinct().Count();
        Assert.Equal(100, samples.Count(s => s.Metric == "latency_ms"));
        Assert.Equal(100, samples.Count(s => s.Metric == "queue_wait_ms"));
        Assert.Equal(1000, samples.Count(s => s.Metric == "cold_start"));
        // The clock stands still, so "every 10s" keeps only each instance's first record.
        Assert.Equal(instances, samples.Count(s => s.Metric == "cpu_time_ms"));
        Assert.InRange(instances, 1, 8);
        Assert.Equal(1000, pool.Counters.Count(Standard, "latency_ms"));
    }

    [Fact]
    public async Task Statistics_report_per_type_invocations_and_mean_duration()
    {
        var functions = new FunctionCatalog(new NoopFunction(), new Dictionary<string, IFunction>
        {
            ["slow"] = new SyntheticFunction(new SyntheticFunctionOptions { Duration = TimeSpan.FromMilliseconds(40) }, _time),
        });
        var pool = new WorkerPool(new WorkerPoolOptions { ColdStart = TimeSpan.Zero }, functions, _time);
        var slow = pool.InvokeAsync(Event("slow"), new MetricConfig("slow", BuiltInProfiles.Minimal), CancellationToken.None);
        await Eventually.True(() => pool.Statistics().Types["slow"].Executing == 1, "slow running");
        _time.Advance(TimeSpan.FromMilliseconds(40));
        var invocation = await slow.WaitAsync(Timeout);
        await pool.InvokeAsync(Event("fast"), new MetricConfig("fast", BuiltInProfiles.Minimal), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(TimeSpan.FromMilliseconds(40), invocation.Execution);
        var types = pool.Statistics().Types;
        // Each started its own instance; slow's ran (and was in flight) for the 40 ms of its execution, fast's for none.
        var slowSeconds = TimeSpan.FromMilliseconds(40).TotalSeconds;
        Assert.Equal(
            new TypePoolStatistics("slow", 1, 0, 1, 1, TimeSpan.FromMilliseconds(40))
            {
                ExpectedDuration = TimeSpan.FromMilliseconds(40), Arrivals = 1, OnDemandStarts = 1, InstanceSeconds = slowSeconds, ExecutionSeconds = slowSeconds, InFlightSeconds = slowSeconds,
            },
            types["slow"]);
        Assert.Equal(new TypePoolStatistics("fast", 1, 0, 1, 1, TimeSpan.Zero) { Arrivals = 1, OnDemandStarts = 1 }, types["fast"]);
    }

    /// <summary>Throws when called, or after yielding: a failure at once and one from a function still running.</summary>
    private sealed class FailingFunction(bool afterYielding) : IFunction
    {
        public string Name => "failing";

        public ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct) =>
            afterYielding ? FailAfterYieldingAsync() : throw new InvalidOperationException("boom");

        private static async ValueTask<FunctionResult> FailAfterYieldingAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }
    }
}
