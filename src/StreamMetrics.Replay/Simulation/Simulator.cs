using System.Collections.Concurrent;
using System.Diagnostics;
using StreamMetrics.Core.Functions;

namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Runs policies over a trace's functions. Functions are independent, so every (function, policy) pair is one work
/// item, heaviest first, taken one at a time by <see cref="SimulationOptions.Workers"/> workers; each pair regenerates
/// the function's seeded invocations, so every policy sees the same ones and the result does not depend on scheduling.
/// An observer made by <c>observe</c> for a pair sees that pair's invocations (made and called on the pair's worker).
/// </summary>
public static class Simulator
{
    public static IReadOnlyList<PolicyOutcome> Run(
        IReadOnlyList<SimulatedFunction> functions,
        IReadOnlyList<PolicySpec> policies,
        SimulationOptions options,
        IReadOnlySet<string>? recordPoolFor = null,
        Action<SimulationProgress>? progress = null,
        Func<SimulatedFunction, PolicySpec, IInvocationObserver?>? observe = null)
    {
        options.Validate();
        var items = (from f in Enumerable.Range(0, functions.Count)
                     from p in Enumerable.Range(0, policies.Count)
                     orderby functions[f].Invocations descending, f, p
                     select (Function: f, Policy: p)).ToArray();
        // A function-day costs its invocations plus its ticks, which are about as dear as ten thousand invocations.
        var weights = functions.Select(f => f.Invocations + 10_000).ToArray();
        var total = items.Sum(i => weights[i.Function]);
        var runs = new FunctionRun[policies.Count, functions.Count];
        var waits = policies.Select(p => new WaitHistogram()).ToArray();
        var pools = policies.Select(_ => new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal)).ToArray();
        var clock = Stopwatch.StartNew();
        long done = 0;

        Parallel.ForEach(
            Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers },
            item =>
            {
                var function = functions[item.Function];
                var record = recordPoolFor?.Contains(function.Function) == true;
                var simulation = new FunctionSimulation(function, policies[item.Policy], options, record, observe?.Invoke(function, policies[item.Policy]));
                runs[item.Policy, item.Function] = simulation.Run();
                lock (waits[item.Policy])
                    waits[item.Policy].Merge(simulation.Waits);
                if (simulation.PoolPerMinute is { } pool)
                    pools[item.Policy][function.Function] = pool;
                var now = Interlocked.Add(ref done, weights[item.Function]);
                progress?.Invoke(new SimulationProgress(now, total, clock.Elapsed));
            });

        return policies.Select((p, i) => new PolicyOutcome(
            p.Name,
            Enumerable.Range(0, functions.Count).Select(f => runs[i, f]).ToArray(),
            waits[i],
            pools[i])).ToArray();
    }
}
