using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Pipeline.Scaling;

namespace StreamMetrics.Pipeline.Tests.Scaling;

public sealed class TypeScalerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ColdStart = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private WorkerPool Pool() =>
        new(new WorkerPoolOptions { ColdStart = ColdStart, InitialParallelism = 16, MaxParallelism = 64 },
            new FunctionCatalog(new NoopFunction()), _time);

    private async Task Invoke(WorkerPool pool, string type)
    {
        var config = new MetricConfig(type, BuiltInProfiles.Standard);
        var run = pool.InvokeAsync(new StreamEvent(type, "k", DateTimeOffset.UnixEpoch, null), config, CancellationToken.None);
        _time.Advance(ColdStart);
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Each_type_gets_its_own_policy_and_input_and_its_floor_is_applied()
    {
        var pool = Pool();
        await Invoke(pool, "a");
        await Invoke(pool, "a");
        await Invoke(pool, "b");
        var policies = new Dictionary<string, RecordingPolicy>();
        var scaler = new TypeScaler(type => policies[type] = new RecordingPolicy(type == "a" ? 3 : 1, TimeSpan.FromSeconds(5)), pool, ColdStart);

        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(2, scaler.ScaledTypeCount);
        Assert.Equal(("a", 1), (policies["a"].Inputs[0].Scope, policies["a"].Inputs[0].CurrentInstances));
        Assert.Equal(("b", 1), (policies["b"].Inputs[0].Scope, policies["b"].Inputs[0].CurrentInstances));
        Assert.Equal((3, 1), (pool.Statistics().Types["a"].Instances, pool.Statistics().Types["b"].Instances));
        Assert.Equal(2, pool.Statistics().Types["a"].Starting);

        // Arrivals since the previous decision are counted per type.
        _time.Advance(ColdStart);
        await Invoke(pool, "b");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => pool.Statistics().Types["a"].Starting == 0, "a's pre-warmed instances are ready");
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(0, policies["a"].Inputs[1].ArrivalsSinceLastDecision);
        Assert.Equal(1, policies["b"].Inputs[1].ArrivalsSinceLastDecision);
        Assert.Equal((3, 3), (policies["a"].Inputs[1].CurrentInstances, policies["a"].Inputs[1].ReadyInstances));
    }

    [Fact]
    public async Task A_lower_floor_retires_idle_instances_after_the_decisions_idle_timeout()
    {
        var pool = Pool();
        await Invoke(pool, "a");
        var policy = new RecordingPolicy(4, TimeSpan.FromSeconds(5));
        var scaler = new TypeScaler(_ => policy, pool, ColdStart);
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        _time.Advance(ColdStart);
        await Eventually.True(() => pool.Statistics().Idle == 4, () => $"{pool.Statistics().Idle} of 4 instances ready");

        policy.Desired = 1;
        _time.Advance(TimeSpan.FromSeconds(4));
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(4, pool.Statistics().Types["a"].Instances);
        _time.Advance(TimeSpan.FromSeconds(1));
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(1, pool.Statistics().Types["a"].Instances);
    }

    [Fact]
    public async Task A_holding_decision_is_not_asked_again_until_it_expires_or_arrivals_come()
    {
        var pool = Pool();
        await Invoke(pool, "a");
        var policy = new RecordingPolicy(1, TimeSpan.Zero) { Holds = TimeSpan.FromSeconds(10) };
        var scaler = new TypeScaler(_ => policy, pool, ColdStart);
        var start = _time.GetUtcNow();
        void TickAt(double seconds)
        {
            _time.Advance(start + TimeSpan.FromSeconds(seconds) - _time.GetUtcNow());
            scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        }

        // Asked at 0 s, the decision holds until 10 s: the ticks at 2 s and 9.9 s do not ask again, the tick at 10 s does,
        // and its input spans the whole 10 s since the last decision.
        TickAt(0);
        TickAt(2);
        TickAt(9.9);
        Assert.Single(policy.Inputs);
        TickAt(10);
        Assert.Equal(2, policy.Inputs.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), policy.Inputs[1].SinceLastDecision);

        // That decision holds until 20 s, but an arrival at 12 s (its invocation ends 0.25 s later) asks at once.
        TickAt(12);
        Assert.Equal(2, policy.Inputs.Count);
        await Invoke(pool, "a");
        TickAt(12.5);
        Assert.Equal(3, policy.Inputs.Count);
        Assert.Equal(1, policy.Inputs[2].ArrivalsSinceLastDecision);
    }

    [Fact]
    public async Task Arrivals_count_before_they_complete_and_observed_concurrency_is_the_time_average_in_flight()
    {
        var function = new GatedFunction();
        var pool = new WorkerPool(new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 16, MaxParallelism = 64 }, new FunctionCatalog(function), _time);
        var policy = new RecordingPolicy(0, TimeSpan.FromMinutes(1));
        var scaler = new TypeScaler(_ => policy, pool, ColdStart);
        var config = new MetricConfig("a", BuiltInProfiles.Standard);
        var evt = new StreamEvent("a", "k", DateTimeOffset.UnixEpoch, null);

        var first = pool.InvokeAsync(evt, config, CancellationToken.None);
        await Eventually.True(() => function.Running == 1, "the first invocation runs", Timeout);
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = pool.InvokeAsync(evt, config, CancellationToken.None);
        await Eventually.True(() => function.Running == 2, "both invocations run", Timeout);
        _time.Advance(TimeSpan.FromSeconds(2));
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());

        var input = policy.Inputs[1];
        // The second arrival counts while it still runs; in flight 1 for 2 s then 2 for 2 s averages 1.5, though 2 are executing now.
        Assert.Equal((1L, 0.25, 2), (input.ArrivalsSinceLastDecision, input.ArrivalsPerSecond, input.ExecutingInstances));
        Assert.Equal(1.5, input.ObservedConcurrency, 9);
        Assert.Equal(0, policy.Inputs[0].ObservedConcurrency);
        function.Release(2);
        await Task.WhenAll(first, second).WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_type_the_pool_forgot_loses_its_policy_and_comes_back_with_a_new_one()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { ColdStart = ColdStart, InitialParallelism = 16, MaxParallelism = 64 },
            new FunctionCatalog(new NoopFunction()), _time, types: new TypeTableOptions { MaxTypes = 2 });
        var created = new List<string>();
        var scaler = new TypeScaler(type =>
        {
            created.Add(type);
            return new RecordingPolicy(0, TimeSpan.Zero);
        }, pool, ColdStart);
        await Invoke(pool, "a");
        await Invoke(pool, "b");
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());

        await Invoke(pool, "c");
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(2, scaler.ScaledTypeCount);

        await Invoke(pool, "a");
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());

        Assert.Equal(2, scaler.ScaledTypeCount);
        Assert.Equal(["a", "b", "c", "a"], created);
    }

    private sealed class RecordingPolicy(int desired, TimeSpan idleTimeout) : IScalingPolicy
    {
        public string Name => "recording";

        public int Desired { get; set; } = desired;

        public TimeSpan? Holds { get; init; }

        public List<ScalingInput> Inputs { get; } = [];

        public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
        {
            Inputs.Add(input);
            return new ScaleDecision(input.Scope, Desired, "test") { IdleTimeout = idleTimeout, HoldsUntil = now + Holds };
        }
    }

    /// <summary>Runs until the test releases it, so invocations stay in flight while the clock moves.</summary>
    private sealed class GatedFunction : IFunction
    {
        private readonly SemaphoreSlim _release = new(0);
        private int _running;

        public string Name => "gated";

        public int Running => Volatile.Read(ref _running);

        public void Release(int count) => _release.Release(count);

        public async ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct)
        {
            Interlocked.Increment(ref _running);
            try
            {
                await _release.WaitAsync(ct);
                return FunctionResult.Empty;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
