using StreamMetrics.Replay.Simulation;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Simulation;

/// <summary>Small functions and runs for simulator tests.</summary>
internal static class Scenarios
{
    /// <summary>A function whose every execution takes <paramref name="ms"/> milliseconds.</summary>
    public static FunctionDurations Constant(string function, double ms) => new(function, ms, ms, ms, ms, ms, ms, ms, ms);

    /// <summary>Durations spread like a typical short HTTP function of the trace.</summary>
    public static FunctionDurations Spread(string function) => new(function, 400, 20, 60, 150, 300, 500, 3000, 9000);

    public static FunctionRun Run(string policy, FixedArrivals arrivals, double durationMs = 1000, SimulationOptions? options = null)
    {
        var function = new SimulatedFunction(0, "f", new int[arrivals.Minutes], Constant("f", durationMs));
        return new FunctionSimulation(function, PolicyCatalog.Get(policy), options ?? new SimulationOptions(), false, () => arrivals).Run();
    }

    /// <summary>A few seeded functions with bursts, quiet spells and a timer, over two hours.</summary>
    public static IReadOnlyList<SimulatedFunction> Mixed()
    {
        var random = new Random(7);
        var bursty = Enumerable.Range(0, 120).Select(m => m % 17 == 3 ? 400 : random.Next(20, 60)).ToArray();
        var sparse = Enumerable.Range(0, 120).Select(_ => random.NextDouble() < 0.1 ? 1 : 0).ToArray();
        var timer = Enumerable.Range(0, 120).Select(m => m % 5 == 0 ? 1 : 0).ToArray();
        return
        [
            new SimulatedFunction(0, "bursty", bursty, Spread("bursty")),
            new SimulatedFunction(1, "sparse", sparse, Spread("sparse")),
            new SimulatedFunction(2, "timer", timer, Constant("timer", 20_000)),
        ];
    }
}
