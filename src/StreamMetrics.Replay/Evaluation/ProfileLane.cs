using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// One function's metric records under one selection, counted as the pipeline makes them: the configurator
/// (<see cref="ProfileSelector"/>) chooses each invocation's config from the forecast, the instance runs it with a
/// <see cref="MetricRecorder"/> built from the config it was started with, and that recorder keeps what the profile's
/// sampling rules keep. An instance never changes config: after a switch the pool starts replacements and, for a cold
/// start, lets the type's warm instances of the old config stand in; after that an old instance counts as retired and
/// the same simulated instance runs on as a new one of the new config.
/// </summary>
internal sealed class ProfileLane
{
    private readonly ProfileSelector _selector;
    private readonly SamplingCounters _counters = new();
    private readonly Dictionary<long, MetricRecorder> _recorders = [];
    private readonly VirtualClock _clock;
    private readonly RecordSizes _sizes;
    private readonly double _coldStartSeconds;
    private readonly int[] _atDebug;
    private double _switchedAt = double.NegativeInfinity;
    private long _recorderSequence;

    public ProfileLane(ProfileCatalog catalog, ProfileSelectorOptions selection, VirtualClock clock, RecordSizes sizes, TimeSpan coldStart, int minutes)
    {
        _selector = new ProfileSelector(catalog, selection);
        _clock = clock;
        _sizes = sizes;
        _coldStartSeconds = coldStart.TotalSeconds;
        _atDebug = new int[minutes];
    }

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    private readonly Dictionary<MetricProfile, Tally> _byProfile = new(ReferenceEqualityComparer.Instance);

    /// <summary>Invocations, records and bytes per profile the instances ran (by name).</summary>
    public IReadOnlyDictionary<string, (long Invocations, long Records, long Bytes)> ByProfile =>
        _byProfile.ToDictionary(entry => entry.Key.Name, entry => (entry.Value.Invocations, entry.Value.Records, entry.Value.Bytes), StringComparer.Ordinal);

    /// <summary>Invocations of each minute that ran on a <c>debug</c> instance.</summary>
    public IReadOnlyList<int> AtDebug => _atDebug;

    /// <param name="offset">The invocation's position in its input, for the record's size.</param>
    public void Run(TypeForecast forecast, ObservedInvocation invocation, DateTimeOffset origin, long offset)
    {
        var choice = _selector.Select(forecast);
        if (choice.Switched)
            _switchedAt = invocation.Arrival;
        var recorder = RecorderFor(choice.Config, invocation);
        // The worker pool's order and moments: the waits when the execution starts, the function's own metrics around
        // it, latency and CPU time when it ends.
        _clock.Set(origin + TimeSpan.FromSeconds(invocation.Start));
        recorder.Record(MetricNames.QueueWaitMs, 0);
        recorder.Record(MetricNames.ColdStart, 0);
        recorder.Record(MetricNames.PayloadBytes, 0);
        _clock.Set(origin + TimeSpan.FromSeconds(invocation.End));
        recorder.Record(MetricNames.ResultBytes, 0);
        recorder.Record(MetricNames.LatencyMs, 0);
        recorder.Record(MetricNames.CpuTimeMs, 0);
        long records = 0, bytes = 0;
        foreach (var sample in recorder.Drain())
        {
            records++;
            bytes += _sizes.Of(sample, offset);
        }
        Records += records;
        Bytes += bytes;
        var profile = recorder.Config.Profile;
        if (!_byProfile.TryGetValue(profile, out var tally))
            _byProfile.Add(profile, tally = new Tally());
        tally.Invocations++;
        tally.Records += records;
        tally.Bytes += bytes;
        var minute = (int)(invocation.Arrival / 60);
        if (profile.Name == BuiltInProfiles.Debug.Name && minute < _atDebug.Length)
            _atDebug[minute]++;
    }

    private MetricRecorder RecorderFor(MetricConfig config, ObservedInvocation invocation)
    {
        if (_recorders.TryGetValue(invocation.Instance, out var recorder))
        {
            var standsIn = !invocation.StartedInstance && invocation.Arrival - _switchedAt < _coldStartSeconds;
            if (recorder.Config == config || standsIn)
                return recorder;
        }
        recorder = new MetricRecorder(config, $"{config.EventType}/{config.Profile.Name}/{++_recorderSequence}", _counters, _clock);
        _recorders[invocation.Instance] = recorder;
        return recorder;
    }

    private sealed class Tally
    {
        public long Invocations { get; set; }

        public long Records { get; set; }

        public long Bytes { get; set; }
    }
}
