using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// Meters one function's simulated invocations as the pipeline would record them: its forecaster (the pipeline's
/// <see cref="LoadForecaster"/> and model, counting each arrival when it arrives) feeds the configured selection, and
/// the same invocations are also counted with the type pinned to <c>debug</c> and to <c>standard</c>.
/// </summary>
internal sealed class MetricVolumeMeter : IInvocationObserver
{
    private readonly SimulatedFunction _function;
    private readonly DateTimeOffset _origin;
    private readonly VirtualClock _arrivalClock;
    private readonly LoadForecaster _forecaster;
    private long _invocations;

    public MetricVolumeMeter(SimulatedFunction function, MetricVolumeOptions options, SimulationOptions simulation)
    {
        _function = function;
        _origin = simulation.Origin;
        _arrivalClock = new VirtualClock(_origin);
        _forecaster = new LoadForecaster(new LoadForecasterOptions(), _ => ForecasterChoice.Default(), _arrivalClock);
        var sizes = new RecordSizes(options.InputTopic);
        var recordClock = new VirtualClock(_origin);
        var coldStart = simulation.ColdStartOf(function.Function);
        var minutes = function.PerMinute.Length;
        ProfileLane Pinned(string profile) => new(
            options.Profiles,
            new ProfileSelectorOptions { Types = new Dictionary<string, TypeSelection> { [function.Function] = new(Pin: profile) } },
            recordClock, sizes, coldStart, minutes);
        Adaptive = new ProfileLane(options.Profiles, options.Selection, recordClock, sizes, coldStart, minutes);
        AlwaysDebug = Pinned(BuiltInProfiles.Debug.Name);
        AlwaysStandard = Pinned(BuiltInProfiles.Standard.Name);
    }

    public ProfileLane Adaptive { get; }

    public ProfileLane AlwaysDebug { get; }

    public ProfileLane AlwaysStandard { get; }

    public void Invoked(ObservedInvocation invocation)
    {
        _arrivalClock.Set(_origin + TimeSpan.FromSeconds(invocation.Arrival));
        var forecast = _forecaster.Observe(_function.Function);
        var offset = _invocations++;
        Adaptive.Run(forecast, invocation, _origin, offset);
        AlwaysDebug.Run(forecast, invocation, _origin, offset);
        AlwaysStandard.Run(forecast, invocation, _origin, offset);
    }
}
