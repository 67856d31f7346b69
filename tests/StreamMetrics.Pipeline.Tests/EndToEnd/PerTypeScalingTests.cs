using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

public sealed class PerTypeScalingTests
{
    private const string Config = """
        {
          "functions": { "orders": { "function": "noop" }, "clicks": { "function": "noop" } },
          "pool": { "coldStart": "20ms", "maxParallelism": 32 }
        }
        """;

    [Fact]
    public async Task Each_type_is_pre_warmed_to_its_own_policys_floor_and_every_event_is_processed()
    {
        var floors = new Dictionary<string, int> { ["orders"] = 3, ["clicks"] = 5 };
        await using var harness = await PipelineHarness.StartAsync(Config, typePolicies: type => new FixedFloor(floors[type]));
        await harness.ProduceAsync(PipelineHarness.Events("orders", 40).Concat(PipelineHarness.Events("clicks", 60)));
        await harness.WaitForProcessedAsync(100);

        var pool = harness.Service.Parts.Pool;
        await Eventually.True(
            () => pool.Statistics().Types is var types && types.Count == 2 && floors.All(f => types[f.Key].Instances >= f.Value),
            TimeSpan.FromSeconds(30),
            () => string.Join(", ", pool.Statistics().Types.Values.Select(t => $"{t.EventType}: {t.Instances} instances")));
        Assert.Equal(32, pool.Parallelism);
        Assert.Equal(100, harness.Service.Parts.Counters.EventsProcessed);
        Assert.Equal(0, harness.Service.Parts.Counters.DeadLettered);
    }

    private sealed class FixedFloor(int floor) : IScalingPolicy
    {
        public string Name => "fixed";

        public ScaleDecision Decide(ScalingInput input, DateTimeOffset now) =>
            new(input.Scope, floor, $"fixed floor {floor}") { IdleTimeout = TimeSpan.FromMinutes(10) };
    }
}
