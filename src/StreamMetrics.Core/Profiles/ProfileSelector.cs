using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// The Dynamic Metric Configurator: turns a type's predicted load into the <see cref="MetricConfig"/> its next event runs
/// with. Below <c>low</c> -> minimal, below <c>medium</c> -> standard, else debug, with a hysteresis band around each
/// threshold; pinned types always get their pin. A type keeps the same <see cref="MetricConfig"/> instance while its profile
/// is unchanged. Not thread-safe (one stage calls it); state is one small entry per event type.
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
    public ProfileChoice Select(TypeForecast forecast) => Select(forecast.EventType, forecast.PredictedRatePerSecond);

    /// <summary>
    /// The config for the next event of <paramref name="type"/>, chosen by its predicted rate (events per second). An event
    /// that changes nothing gets the type's kept answer: choosing allocates only when the profile switches.
    /// </summary>
    public ProfileChoice Select(string type, double predictedRatePerSecond)
    {
        if (!_types.TryGetValue(type, out var state))
        {
            state = _pins.TryGetValue(type, out var pinned)
                ? new TypeState(-1, new MetricConfig(type, pinned))
                : NewState(type, FirstLevel(type, predictedRatePerSecond));
            _types.Add(type, state);
            return new ProfileChoice(state.Config, null);
        }
        if (state.Level < 0)
            return state.Unchanged;
        var level = NextLevel(type, state.Level, predictedRatePerSecond);
        if (level == state.Level)
            return state.Unchanged;
        var previous = state.Config.Profile.Name;
        state.Level = level;
        state.Config = new MetricConfig(type, _levels[level]);
        Switches++;
        return new ProfileChoice(state.Config, previous);
    }

    /// <summary>The profile each type runs now (types seen so far).</summary>
    public IReadOnlyDictionary<string, string> Current() =>
        _types.ToDictionary(entry => entry.Key, entry => entry.Value.Config.Profile.Name, StringComparer.Ordinal);

    private TypeState NewState(string type, int level) => new(level, new MetricConfig(type, _levels[level]));

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

        public MetricConfig Config
        {
            get;
            set
            {
                field = value;
                Unchanged = new ProfileChoice(value, value.Profile.Name);
            }
        } = config;

        /// <summary>The answer for an event that keeps <see cref="Config"/>: built once per config, not per event.</summary>
        public ProfileChoice Unchanged { get; private set; } = new(config, config.Profile.Name);
    }
}
