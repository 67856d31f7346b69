using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class PerTypeScalingTests
{
    private const string Config = """
        {
          "functions": { "orders": { "function": "noop" }, "clicks": { "function": "noop" } },
          "pool": { "coldStart": "20ms", "keepAlive": "1s", "maxParallelism": 32 }
        }
        """;

    [Fact]
    public async Task Each_type_is_pre_warmed_to_its_own_policys_floor_and_every_event_is_processed()
    {
        var floors = new Dictionary<string, int> { ["orders"] = 3, ["clicks"] = 5 };
        var policies = new List<FixedFloor>();
        await using var harness = await PipelineHarness.StartAsync(Config, typePolicies: type =>
        {
            var policy = new FixedFloor(floors[type]);
            lock (policies)
                policies.Add(policy);
            return policy;
        });
        await harness.ProduceAsync(PipelineHarness.Events("orders", 40).Concat(PipelineHarness.Events("clicks", 60)));
        await harness.WaitForProcessedAsync(100);

        var pool = harness.Service.Components.Pool;
        await Eventually.True(
            () => pool.Statistics().Types is var types && types.Count == 2 && floors.All(f => types[f.Key].Instances >= f.Value),
            () => string.Join(", ", pool.Statistics().Types.Values.Select(t => $"{t.EventType}: {t.Instances} instances")),
            TimeSpan.FromSeconds(30));
        Assert.Equal(32, pool.Parallelism);

        // The floor is the type's policy's to keep: the pool-wide keep-alive (1 s here) must not retire it and force
        // fresh cold starts on the next tick.
        var coldStarts = pool.Statistics().ColdStarts;
        var asked = policies.Sum(p => p.Asked);
        await Eventually.True(() => policies.Sum(p => p.Asked) >= asked + 8, () => $"{policies.Sum(p => p.Asked)} decisions", TimeSpan.FromSeconds(30));
        Assert.Equal(coldStarts, pool.Statistics().ColdStarts);
        Assert.Equal(100, harness.Service.Components.Counters.EventsProcessed);
        Assert.Equal(0, harness.Service.Components.Counters.DeadLettered);

        // Operators see each type's floor on the scaling topic once, when it is set, not on every tick.
        var published = TopicReader.ReadAll(harness.BootstrapServers, StandardTopics.Scaling, 2, TimeSpan.FromSeconds(30))
            .Select(record => AvroCodecs.ScalingDecision.Decode(record))
            .Select(r => (r.Decision.Scope, r.Decision.DesiredInstances, r.PreviousInstances, r.Policy))
            .OrderBy(r => r.Scope)
            .ToList();
        Assert.Equal([("clicks", 5, 0, "fixed"), ("orders", 3, 0, "fixed")], published);
    }

    private sealed class FixedFloor(int floor) : IScalingPolicy
    {
        private int _asked;

        public string Name => "fixed";

        public int Asked => Volatile.Read(ref _asked);

        public ScaleDecision Decide(ScalingInput input, DateTimeOffset now)
        {
            Interlocked.Increment(ref _asked);
            return new(input.Scope, floor, $"fixed floor {floor}") { IdleTimeout = TimeSpan.FromMinutes(10) };
        }
    }
}
