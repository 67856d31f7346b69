using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The recorder of one function instance, built from the instance's <see cref="MetricConfig"/> before the instance runs.
/// Keeps only the metrics the config names, at their rules: every event; every N-th record of the type under that profile
/// (counted over all instances through the shared <see cref="SamplingCounters"/>); or once per interval on this instance
/// (the first record always, then the first one at least the interval after the last kept one). Everything else is
/// dropped here. Kept samples wait in the recorder until <see cref="Drain"/>, or, while an invocation keeps them in a
/// list of its own (<see cref="KeepInto"/>), go straight to that list.
/// Not thread-safe: an instance runs one invocation at a time, the pool hands it from one invocation to the next under
/// its lock, and a function records from its own invocation. Only the every-N counts are shared, and those are atomic.
/// </summary>
public sealed class MetricRecorder : IMetricRecorder
{
    /// <summary>The product's metric names, in the order of <see cref="_known"/>.</summary>
    private static readonly string[] KnownNames = [.. MetricNames.All];

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    // The config's slots by position in KnownNames (null where the config does not name the metric): callers pass the
    // MetricNames constants, so a record finds its slot by comparing references instead of hashing the name.
    private readonly Slot?[] _known = new Slot?[KnownNames.Length];
    private readonly TimeProvider _time;
    private readonly List<MetricSample> _pending = [];

    /// <summary>Where a kept sample goes: <see cref="_pending"/>, or an invocation's own list.</summary>
    private List<MetricSample> _kept;

    public MetricRecorder(MetricConfig config, string instanceId, SamplingCounters counters, TimeProvider time)
    {
        Config = config;
        InstanceId = instanceId;
        _time = time;
        _kept = _pending;
        foreach (var rule in config.Profile.Metrics)
        {
            var slot = new Slot(rule.Sampling, rule.Sampling is SamplingRule.EveryNEvents ? counters.For(config, rule.Metric) : null);
            _slots[rule.Metric] = slot;
            if (Array.IndexOf(KnownNames, rule.Metric) is var known and >= 0)
                _known[known] = slot;
        }
    }

    public MetricConfig Config { get; }

    public string InstanceId { get; }

    public bool Wants(string metric) => _slots.ContainsKey(metric);

    public void Record(string metric, double value) => Record(metric, value, atUtcTicks: null);

    /// <summary>
    /// <see cref="Record(string, double)"/> at <paramref name="atUtcTicks"/>, the recorder's clock read by the caller (the
    /// worker pool, which reads it anyway for the invocation's start and end), or, when null, read here if the rule takes it.
    /// </summary>
    internal void Record(string metric, double value, long? atUtcTicks)
    {
        if (SlotOf(metric) is not { } slot)
            return;
        // An every-N rule decides on its shared, atomic count alone: the clock is not needed for a record it drops.
        if (slot.EveryN > 0 && !slot.Counter!.Next(slot.EveryN))
            return;
        var now = atUtcTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : _time.GetUtcNow();
        if (!Takes(slot, now))
            return;
        _kept.Add(new MetricSample(Config.EventType, Config.Profile.Name, metric, value, now, InstanceId));
    }

    /// <summary>The samples kept since the last drain, oldest first; the recorder is empty afterwards.</summary>
    public IReadOnlyList<MetricSample> Drain()
    {
        if (_pending.Count == 0)
            return [];
        var samples = _pending.ToArray();
        _pending.Clear();
        return samples;
    }

    /// <summary>
    /// Until <see cref="KeepOwn"/>, puts every kept sample at the end of <paramref name="target"/>, after those kept and not
    /// drained so far (moved there first): an invocation that reuses its list collects its samples without a copy.
    /// </summary>
    internal void KeepInto(List<MetricSample> target)
    {
        if (_pending.Count > 0)
        {
            target.AddRange(_pending);
            _pending.Clear();
        }
        _kept = target;
    }

    /// <summary>Ends <see cref="KeepInto"/>: kept samples wait in the recorder again.</summary>
    internal void KeepOwn() => _kept = _pending;

    /// <summary>The slot of <paramref name="metric"/>, or null when the config does not name it.</summary>
    private Slot? SlotOf(string metric)
    {
        for (var i = 0; i < KnownNames.Length; i++)
        {
            if (ReferenceEquals(KnownNames[i], metric))
                return _known[i];
        }
        return _slots.GetValueOrDefault(metric);
    }

    /// <summary>Whether the slot keeps a sample at <paramref name="now"/>: an every-N rule has decided before the clock was read.</summary>
    private static bool Takes(Slot slot, DateTimeOffset now)
    {
        switch (slot.Rule)
        {
            case SamplingRule.EveryInterval every:
                if (slot.LastKept is { } last && now - last < every.Interval)
                    return false;
                slot.LastKept = now;
                return true;
            default:
                return true;
        }
    }

    private sealed class Slot(SamplingRule rule, EventCounter? counter)
    {
        public SamplingRule Rule { get; } = rule;

        /// <summary>N of an every-N rule; 0 for the other rules.</summary>
        public int EveryN { get; } = rule is SamplingRule.EveryNEvents every ? every.N : 0;

        /// <summary>The type-wide counter (every-N rules only).</summary>
        public EventCounter? Counter { get; } = counter;

        /// <summary>When this instance last kept the metric (interval rules only).</summary>
        public DateTimeOffset? LastKept { get; set; }
    }
}
