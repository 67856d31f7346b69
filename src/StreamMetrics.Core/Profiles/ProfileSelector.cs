using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// The Dynamic Metric Configurator: turns a type's predicted load into the <see cref="MetricConfig"/> its next event runs
/// with. Below <c>low</c> -> minimal, below <c>medium</c> -> standard, else debug, with a hysteresis band around each
/// threshold; pinned types always get their pin. Besides, a type runs debug during its own peaks, foreseen from the
/// forecast's upper bound (<see cref="ProfileSelectorOptions.PeakShare"/>, <see cref="PeakWatch"/>), so its busiest
/// minutes are recorded in full whatever its absolute rate. A type keeps the same <see cref="MetricConfig"/> instance
/// while its profile is unchanged. Not thread-safe (one stage calls it); state is one small entry per event type.
/// </summary>
public sealed class ProfileSelector
{
    private readonly ProfileSelectorOptions _options;
    private readonly MetricProfile[] _levels;
    private readonly Dictionary<string, TypeState> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricProfile> _pins = new(StringComparer.Ordinal);

    public ProfileSelector(ProfileCatalog catalog, ProfileSelectorOptions options)
    {
        // Keys are named as in the config file, where these options come from.
        options.Validate("selection.", catalog);
        _options = options;
        _levels = [catalog.Get(BuiltInProfiles.Minimal.Name), catalog.Get(BuiltInProfiles.Standard.Name), catalog.Get(BuiltInProfiles.Debug.Name)];
        foreach (var (type, own) in options.Types)
        {
            if (own.Pin is not null)
                _pins.Add(type, catalog.Get(own.Pin));
        }
    }

    /// <summary>Profile changes so far over all types (a type's first choice is not a change).</summary>
    public long Switches { get; private set; }

    /// <summary>The config for the next event of <c>forecast.EventType</c>, chosen by <c>forecast.PredictedRatePerSecond</c>.</summary>
    public ProfileChoice Select(TypeForecast forecast)
    {
        var type = forecast.EventType;
        if (!_types.TryGetValue(type, out var state))
        {
            state = _pins.TryGetValue(type, out var pinned)
                ? new TypeState(-1, new MetricConfig(type, pinned))
                : NewState(type, FirstLevel(type, forecast.PredictedRatePerSecond));
            state.Peak?.Observe(forecast);
            _types.Add(type, state);
            return new ProfileChoice(state.Config, null);
        }
        var previous = state.Config.Profile.Name;
        if (state.Level < 0)
            return new ProfileChoice(state.Config, previous);
        var level = NextLevel(type, state.Level, forecast.PredictedRatePerSecond);
        var atPeak = state.Peak?.Observe(forecast) == true;
        var profile = _levels[atPeak ? DebugLevel : level];
        state.Level = level;
        if (profile != state.Config.Profile)
        {
            state.Config = new MetricConfig(type, profile);
            Switches++;
        }
        return new ProfileChoice(state.Config, previous);
    }

    /// <summary>The profile each type runs now (types seen so far).</summary>
    public IReadOnlyDictionary<string, string> Current() =>
        _types.ToDictionary(entry => entry.Key, entry => entry.Value.Config.Profile.Name, StringComparer.Ordinal);

    private const int DebugLevel = 2;

    private TypeState NewState(string type, int level) =>
        new(level, new MetricConfig(type, _levels[level]))
        {
            Peak = _options.PeakShare > 0 ? new PeakWatch(_options.PeakShare, _options.PeakReach) : null,
        };

    private int FirstLevel(string type, double rate)
    {
        var (low, medium) = _options.ThresholdsFor(type);
        return rate < low ? 0 : rate < medium ? 1 : 2;
    }

    private int NextLevel(string type, int level, double rate)
    {
        var (low, medium) = _options.ThresholdsFor(type);
        ReadOnlySpan<double> thresholds = [low, medium];
        var h = _options.Hysteresis;
        // Threshold i separates level i from level i + 1. Only one direction can apply: rising past T x (1 + h) means
        // the rate is above T x (1 - h) too.
        while (level < thresholds.Length && rate >= thresholds[level] * (1 + h))
            level++;
        while (level > 0 && rate < thresholds[level - 1] * (1 - h))
            level--;
        return level;
    }

    private sealed class TypeState(int level, MetricConfig config)
    {
        /// <summary>Index into the levels, or -1 for a pinned type.</summary>
        public int Level { get; set; } = level;

        public MetricConfig Config { get; set; } = config;

        /// <summary>The type's own peaks (null for a pinned type or with the rule off).</summary>
        public PeakWatch? Peak { get; init; }
    }
}
