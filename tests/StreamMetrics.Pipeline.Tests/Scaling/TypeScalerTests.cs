using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Pipeline.Scaling;
using StreamMetrics.Pipeline.Tests.EndToEnd;

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
        Assert.Equal(2, scaler.Types);
        Assert.Equal(("a", 1), (policies["a"].Inputs[0].Scope, policies["a"].Inputs[0].CurrentInstances));
        Assert.Equal(("b", 1), (policies["b"].Inputs[0].Scope, policies["b"].Inputs[0].CurrentInstances));
        Assert.Equal((3, 1), (pool.Statistics().Types["a"].Instances, pool.Statistics().Types["b"].Instances));
        Assert.Equal(2, pool.Statistics().Types["a"].Starting);

        // Arrivals since the previous decision are counted per type.
        _time.Advance(ColdStart);
        await Invoke(pool, "b");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => pool.Statistics().Types["a"].Starting == 0, TimeSpan.FromSeconds(10), () => "a's pre-warmed instances are ready");
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
        await Eventually.True(() => pool.Statistics().Idle == 4, TimeSpan.FromSeconds(10), () => $"{pool.Statistics().Idle} of 4 instances ready");

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
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Single(policy.Inputs);

        await Invoke(pool, "a");
        scaler.Tick([], pool.Statistics(), _time.GetUtcNow());
        Assert.Equal(2, policy.Inputs.Count);
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
}
