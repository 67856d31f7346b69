using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Simulation;

public sealed class SimulatorTests
{
    private static readonly IReadOnlyList<PolicySpec> All = PolicyCatalog.Names.Select(PolicyCatalog.Get).ToList();

    [Fact]
    public void Oracle_has_no_cold_starts_and_the_least_cost_of_all_policies()
    {
        var outcomes = Simulator.Run(Scenarios.Mixed(), All, new SimulationOptions()).ToDictionary(o => o.Name);

        Assert.Equal(0, outcomes["oracle"].ColdStarts);
        Assert.Equal(0, outcomes["oracle-minute"].ColdStarts);
        Assert.All(outcomes.Values, o => Assert.True(outcomes["oracle"].InstanceSeconds <= o.InstanceSeconds, $"{o.Name} costs less than the oracle"));
        Assert.All(outcomes.Values, o => Assert.Equal(outcomes["oracle"].Invocations, o.Invocations));
        Assert.True(outcomes["kpa"].ColdStarts > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_runs_whatever_the_worker_count()
    {
        var one = Simulator.Run(Scenarios.Mixed(), All, new SimulationOptions { Seed = 3, Workers = 1 });
        var two = Simulator.Run(Scenarios.Mixed(), All, new SimulationOptions { Seed = 3, Workers = 2 });

        Assert.Equal(one.SelectMany(o => o.Functions), two.SelectMany(o => o.Functions));
    }

    [Fact]
    public void Another_seed_moves_the_arrivals_but_not_the_counts()
    {
        var first = Simulator.Run(Scenarios.Mixed(), [PolicyCatalog.Get("keepalive")], new SimulationOptions { Seed = 1 })[0];
        var second = Simulator.Run(Scenarios.Mixed(), [PolicyCatalog.Get("keepalive")], new SimulationOptions { Seed = 2 })[0];

        Assert.Equal(first.Invocations, second.Invocations);
        Assert.NotEqual(first.InstanceSeconds, second.InstanceSeconds);
    }

    [Fact]
    public void Pool_size_is_recorded_per_minute_for_the_asked_functions()
    {
        var outcome = Simulator.Run(Scenarios.Mixed(), [PolicyCatalog.Get("kpa")], new SimulationOptions(), new HashSet<string> { "bursty" })[0];

        var pool = Assert.Single(outcome.PoolPerMinute).Value;
        Assert.Equal(120, pool.Length);
        Assert.True(pool.Max() > 1);
    }

    [Fact]
    public void Progress_reaches_the_total()
    {
        var seen = new List<SimulationProgress>();
        Simulator.Run(Scenarios.Mixed(), [PolicyCatalog.Get("kpa")], new SimulationOptions { Workers = 1 }, progress: seen.Add);

        Assert.Equal(seen[^1].Total, seen[^1].Done);
        Assert.Equal(1.0, seen[^1].Share);
    }

    [Fact]
    public void Unknown_policy_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PolicyCatalog.Get("lambda"));
        Assert.Contains("policy = 'lambda' is unknown: use one of predictive, kpa", error.Message);
    }
}
