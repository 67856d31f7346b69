using System.Diagnostics;
using System.Globalization;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Simulation;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>Runs the named policies and the predictive frontier on one trace and assembles the report.</summary>
public static class Evaluator
{
    public const string DispatchRule =
        "An arrival takes the most recently used idle warm instance; otherwise it waits, if a busy or starting " +
        "instance is expected to take it within the cold-start time (each running execution expected to last the " +
        "function's mean over the executions ended so far, one mean more once past it; waiters served first come " +
        "first served); otherwise it starts a new instance (a cold start). One invocation per instance at a time. " +
        "Policies only pre-warm instances and retire idle ones.";

    public static EvaluationResult Run(EvaluationRequest request, Action<SimulationProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var functions = Load(request);
        var defaultHeadroom = new PredictivePolicyOptions().Headroom;
        var specs = request.Policies.Select(PolicyCatalog.Get).ToList();
        var frontierNames = new List<(double Headroom, string Name)>();
        foreach (var headroom in request.FrontierHeadrooms)
        {
            if (headroom == defaultHeadroom && request.Policies.Contains("predictive"))
            {
                frontierNames.Add((headroom, "predictive"));
                continue;
            }
            var spec = PolicyCatalog.Predictive(headroom);
            specs.Add(spec);
            frontierNames.Add((headroom, spec.Name));
        }

        var poolFunctions = functions.OrderByDescending(f => f.Invocations).Take(request.PoolTraces).Select(f => f.Function).ToList();
        // Metric records depend on the instances that ran the invocations (interval rules are per instance), so they are
        // metered on one policy's run: the pipeline's default, predictive, when it is evaluated.
        var metered = request.Policies.Contains("predictive") ? "predictive" : request.Policies.FirstOrDefault();
        var volumeModel = new MetricVolumeModel(request.MetricVolume, request.Simulation);
        var outcomes = Simulator.Run(
            functions, specs, request.Simulation, poolFunctions.ToHashSet(StringComparer.Ordinal), progress,
            (function, policy) => policy.Name == metered ? volumeModel.Observe(function) : null);
        var byName = outcomes.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var volume = volumeModel.Report(functions) with { Policy = metered ?? "" };

        var frontier = frontierNames
            .Select(f => byName[f.Name])
            .Zip(frontierNames, (o, f) => new FrontierPoint(f.Headroom, o.ColdStarts, o.ColdStartRate, o.InstanceSeconds))
            .OrderBy(p => p.Setting)
            .ToList();
        var closest = byName.TryGetValue("oracle-minute", out var oracleMinute) && frontier.Count > 0
            ? frontier.MinBy(p => Distance(p, oracleMinute))!.Setting.ToString(CultureInfo.InvariantCulture)
            : "";

        var policies = request.Policies.ToDictionary(n => n, n => Report(byName[n], volume), StringComparer.Ordinal);
        var report = new EvaluationReport(
            request.TracePath,
            request.DurationsPath,
            request.Simulation.Seed,
            request.Simulation.ColdStart.TotalMilliseconds,
            request.Simulation.Tick.TotalMilliseconds,
            functions.Count,
            DispatchRule,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            policies,
            new Dictionary<string, IReadOnlyList<FrontierPoint>> { ["predictive"] = frontier },
            defaultHeadroom.ToString(CultureInfo.InvariantCulture),
            closest,
            volume)
        {
            DominatedBy = FrontierDominance.Of(frontier, policies
                .Where(p => frontier.Count > 0 && p.Key != "predictive" && ScalingPolicies.PerTypeNames.Contains(p.Key))
                .Select(p => (p.Key, p.Value.ColdStarts, p.Value.InstanceSeconds))),
        };
        return new EvaluationResult(report, outcomes, poolFunctions);
    }

    public static IReadOnlyList<SimulatedFunction> Load(EvaluationRequest request)
    {
        var series = FunctionSplit.Select(AzureTraceReader.ReadMinutes(request.TracePath), request.Split);
        var durations = AzureTraceReader.ReadDurations(request.DurationsPath);
        var selected = request.TopFunctions is { } top ? series.Take(top) : series;
        return selected.Select((s, i) => new SimulatedFunction(
            i,
            s.Function,
            request.FirstMinutes is { } minutes && minutes < s.PerMinute.Length ? s.PerMinute[..minutes] : s.PerMinute,
            durations.TryGetValue(s.Function, out var d)
                ? d
                : throw new TraceFormatException($"{request.DurationsPath}: no durations for function '{s.Function}' of {request.TracePath}")))
            .ToList();
    }

    /// <summary>
    /// Closeness to <c>oracle-minute</c> in cost: it has no cold starts by construction, so the comparable quantity is
    /// the budget it needs; the frontier point spending the same budget shows what a real forecaster does with it.
    /// </summary>
    private static double Distance(FrontierPoint point, PolicyOutcome target) =>
        Math.Abs(Math.Log(point.InstanceSeconds / Math.Max(1e-9, target.InstanceSeconds)));

    private static PolicyReport Report(PolicyOutcome outcome, MetricVolumeReport volume) => new(
        outcome.Invocations,
        outcome.ColdStarts,
        outcome.ColdStartRate,
        outcome.Waits.PercentileMs(50),
        outcome.Waits.PercentileMs(99),
        outcome.Waits.MaxMs,
        outcome.InstanceSeconds,
        outcome.IdleInstanceSeconds,
        volume.Adaptive.Records,
        volume.Adaptive.Bytes,
        outcome.Functions.Select(f => new FunctionReport(
            f.Function, f.Invocations, f.ColdStarts, f.ColdStartRate, f.InstanceSeconds, f.IdleInstanceSeconds,
            f.QueueP50Ms, f.QueueP99Ms, f.PeakInstances)).ToList());
}
