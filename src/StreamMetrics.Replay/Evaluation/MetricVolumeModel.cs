using System.Collections.Concurrent;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// The metric volume of a trace as the pipeline produces it: every simulated invocation of one policy's run is metered
/// (<see cref="MetricVolumeMeter"/>) under the configured selection (adaptive) and under every function pinned to
/// <c>debug</c> and to <c>standard</c>. A function's high-load minutes are its top decile of counts by the whole day's
/// threshold (at least one invocation); one counts as covered at debug when most of its invocations ran on debug
/// instances. Thread-safe: the simulator's workers ask for observers concurrently.
/// </summary>
public sealed class MetricVolumeModel
{
    private readonly MetricVolumeOptions _options;
    private readonly SimulationOptions _simulation;
    private readonly ConcurrentDictionary<int, MetricVolumeMeter> _meters = new();

    public MetricVolumeModel(MetricVolumeOptions options, SimulationOptions simulation)
    {
        options.Validate();
        _options = options;
        _simulation = simulation;
    }

    /// <summary>The observer of <paramref name="function"/>'s run; give it to one policy's run only.</summary>
    public IInvocationObserver Observe(SimulatedFunction function) =>
        _meters.GetOrAdd(function.Index, _ => new MetricVolumeMeter(function, _options, _simulation));

    /// <summary>Runs <paramref name="policy"/> over <paramref name="functions"/> in the simulator and meters it.</summary>
    public static MetricVolumeReport Compute(
        IReadOnlyList<SimulatedFunction> functions, string policy, SimulationOptions simulation, MetricVolumeOptions? options = null)
    {
        var model = new MetricVolumeModel(options ?? new MetricVolumeOptions(), simulation);
        Simulator.Run(functions, [PolicyCatalog.Get(policy)], simulation, observe: (f, _) => model.Observe(f));
        return model.Report(functions);
    }

    /// <summary>The totals over <paramref name="functions"/>, once their runs have ended.</summary>
    public MetricVolumeReport Report(IReadOnlyList<SimulatedFunction> functions)
    {
        long debugRecords = 0, debugBytes = 0, standardRecords = 0, standardBytes = 0, adaptiveRecords = 0, adaptiveBytes = 0;
        long high = 0, highAtDebug = 0;
        foreach (var function in functions)
        {
            if (!_meters.TryGetValue(function.Index, out var meter))
                continue;
            debugRecords += meter.AlwaysDebug.Records;
            debugBytes += meter.AlwaysDebug.Bytes;
            standardRecords += meter.AlwaysStandard.Records;
            standardBytes += meter.AlwaysStandard.Bytes;
            adaptiveRecords += meter.Adaptive.Records;
            adaptiveBytes += meter.Adaptive.Bytes;
            var counts = function.PerMinute;
            var threshold = Math.Max(1, HighLoad.Level(counts.Select(c => (double)c).ToArray(), _options.HighLoadShare));
            for (var m = 0; m < counts.Length; m++)
            {
                if (counts[m] < threshold)
                    continue;
                high++;
                if (2 * meter.Adaptive.AtDebug[m] > counts[m])
                    highAtDebug++;
            }
        }
        return new MetricVolumeReport(
            new MetricVolume(debugRecords, debugBytes), new MetricVolume(standardRecords, standardBytes),
            new MetricVolume(adaptiveRecords, adaptiveBytes), high, highAtDebug);
    }
}
