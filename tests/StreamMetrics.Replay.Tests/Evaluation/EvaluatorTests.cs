using System.Text.Json;
using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static EvaluationRequest SliceOfDayOne(int top) => new()
    {
        TracePath = RepositoryTraces.MinuteDay1,
        DurationsPath = RepositoryTraces.FunctionsDay1,
        TopFunctions = top,
        FrontierHeadrooms = [0, 0.5, 1, 2, 3, 4],
    };

    [Fact]
    public void Report_json_has_the_documented_keys()
    {
        var result = Evaluator.Run(SliceOfDayOne(3));
        using var json = JsonDocument.Parse(ReportJson.Serialize(result.Report));
        var root = json.RootElement;

        foreach (var policy in new[] { "predictive", "kpa", "keepalive", "hybrid", "oracle", "oracle-minute" })
        {
            var p = root.GetProperty("policies").GetProperty(policy);
            foreach (var key in new[] { "coldStarts", "coldStartRate", "invocations", "instanceSeconds", "idleInstanceSeconds", "queueP50Ms", "queueP99Ms", "metricRecords", "metricBytes" })
                Assert.True(p.TryGetProperty(key, out _), $"policies.{policy}.{key} missing");
            Assert.Equal(3, p.GetProperty("functions").GetArrayLength());
        }
        var frontier = root.GetProperty("frontier").GetProperty("predictive");
        Assert.Equal(6, frontier.GetArrayLength());
        Assert.True(frontier[0].TryGetProperty("setting", out _));
        Assert.True(frontier[0].TryGetProperty("coldStarts", out _));
        Assert.True(frontier[0].TryGetProperty("instanceSeconds", out _));
        var dominatedBy = root.GetProperty("dominatedBy");
        Assert.Equal(["kpa", "keepalive", "hybrid"], dominatedBy.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("metricVolume").TryGetProperty("highLoadCoveredAtDebug", out _));
        Assert.Contains("expected to take it within the cold-start time", root.GetProperty("dispatchRule").GetString());
        Assert.Contains("mean over the executions ended so far", root.GetProperty("dispatchRule").GetString());
    }

    [Fact]
    public void On_real_functions_the_oracle_bounds_every_policy_and_more_headroom_buys_fewer_cold_starts()
    {
        // Functions ranked 20 to 60 of day one: real bursty and periodic load, small enough for a unit test.
        var request = SliceOfDayOne(60);
        var functions = Evaluator.Load(request).Skip(20).ToList();
        var specs = PolicyCatalog.Names.Select(PolicyCatalog.Get)
            .Append(PolicyCatalog.Predictive(0))
            .Append(PolicyCatalog.Predictive(4))
            .ToList();

        var outcomes = Simulator.Run(functions, specs, new SimulationOptions())
            .ToDictionary(o => o.Name);

        Assert.Equal(0, outcomes["oracle"].ColdStarts);
        Assert.All(outcomes.Values, o => Assert.True(outcomes["oracle"].InstanceSeconds <= o.InstanceSeconds, o.Name));
        Assert.True(outcomes["predictive@4"].ColdStarts < outcomes["predictive@0"].ColdStarts);
        Assert.True(outcomes["predictive@4"].InstanceSeconds > outcomes["predictive@0"].InstanceSeconds);
    }
}
