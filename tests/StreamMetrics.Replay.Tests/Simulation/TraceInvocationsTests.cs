using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Simulation;

public sealed class TraceInvocationsTests
{
    private static IReadOnlyList<SimulatedFunction> Slice(int top, int minutes) => Evaluator.Load(new EvaluationRequest
    {
        TracePath = RepositoryTraces.MinuteDay1,
        DurationsPath = RepositoryTraces.FunctionsDay1,
        TopFunctions = top,
        FirstMinutes = minutes,
    });

    [Fact]
    public void The_merged_stream_is_in_arrival_order_and_has_each_functions_count_in_each_minute()
    {
        var functions = Slice(top: 5, minutes: 4);

        var invocations = TraceInvocations.Of(functions, seed: 1).ToList();

        Assert.All(functions, f => Assert.Equal(4, f.PerMinute.Length));
        Assert.Equal(functions.Sum(f => f.Invocations), invocations.Count);
        for (var i = 1; i < invocations.Count; i++)
            Assert.True(invocations[i - 1].Seconds <= invocations[i].Seconds, $"invocation {i} at {invocations[i].Seconds}s comes after one at {invocations[i - 1].Seconds}s");
        foreach (var function in functions)
        {
            for (var minute = 0; minute < 4; minute++)
            {
                var inMinute = invocations.Count(v => v.Function == function.Function && (int)(v.Seconds / 60) == minute);
                Assert.Equal(function.PerMinute[minute], inMinute);
            }
        }
        Assert.All(invocations, v => Assert.True(v.DurationSeconds > 0, $"{v.Function} has duration {v.DurationSeconds}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_invocations_and_another_seed_other_ones()
    {
        var functions = Slice(top: 3, minutes: 2);

        var first = TraceInvocations.Of(functions, seed: 7).ToList();
        var again = TraceInvocations.Of(functions, seed: 7).ToList();
        var other = TraceInvocations.Of(functions, seed: 8).ToList();

        Assert.Equal(first, again);
        Assert.Equal(first.Count, other.Count);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_simulator_runs_exactly_the_published_invocations()
    {
        // Replaying the merged stream as fixed arrivals gives the same outcome as the simulator's own seeded draws.
        var functions = Slice(top: 2, minutes: 3);
        var options = new SimulationOptions { Seed = 3, Workers = 1 };
        var seeded = Simulator.Run(functions, [PolicyCatalog.Get("kpa")], options)[0];

        var invocations = TraceInvocations.Of(functions, options.Seed).ToList();
        foreach (var (function, run) in functions.Zip(seeded.Functions))
        {
            var own = invocations.Where(v => v.Function == function.Function).ToList();
            Assert.Equal(own.Count, run.Invocations);
            Assert.Equal(own.Sum(v => v.DurationSeconds), run.ExecutionSeconds, 6);
        }
    }
}
