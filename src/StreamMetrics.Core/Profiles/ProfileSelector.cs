using System.Diagnostics.CodeAnalysis;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// The Dynamic Metric Configurator: turns a type's predicted load (events or payload bytes per second, as the type's
/// <see cref="ProfileSelectorOptions.MeasureFor"/> says) into the <see cref="MetricConfig"/> its next event runs
/// with. Below <c>low</c> -> minimal, below <c>medium</c> -> standard, else debug, with a hysteresis band around each
/// threshold; pinned types always get their pin. Besides, a type runs debug during its own peaks, foreseen from the
/// forecast's upper bound (<see cref="ProfileSelectorOptions.PeakShare"/>, <see cref="PeakWatch"/>), so its busiest
/// minutes are recorded in full whatever its absolute rate. A type keeps the same <see cref="MetricConfig"/> instance
/// while its profile is unchanged. Not thread-safe (one stage calls it); state is one small entry per event type, within
/// the bound of <see cref="TypeTableOptions"/>: a forgotten type that comes back is chosen for afresh, as on its first event.
/// A load that says when it was counted (<see cref="PredictedLoad.CountedAt"/>) marks its type seen in that table only
/// once per interval of the forecaster's (<see cref="LoadForecaster.TouchInterval"/>), so choosing reads no clock.
/// </summary>
public sealed class ProfileSelector
{
    private readonly ProfileSelectorOptions _options;
    private readonly MetricProfile[] _levels;
    private readonly RecentTypes<TypeState> _types;
    private readonly Dictionary<string, MetricProfile> _pins = new(StringComparer.Ordinal);
    private readonly long _touchTicks;

    /// <param name="catalog">The profiles pins and levels name.</param>
    /// <param name="options">Thresholds, hysteresis and per-type settings.</param>
    /// <param name="time">The clock a type's idle time is measured on; default the system clock.</param>
    /// <param name="types">The bound on the table of types; default <see cref="TypeTableOptions"/>' defaults.</param>
    public ProfileSelector(ProfileCatalog catalog, ProfileSelectorOptions options, TimeProvider? time = null, TypeTableOptions? types = null)
    {
        types ??= new TypeTableOptions();
        _types = new RecentTypes<TypeState>(types, time ?? TimeProvider.System);
        _touchTicks = LoadForecaster.TouchTicks(types);
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

    /// <summary>Event types held now; never more than the bound.</summary>
    public int TypeCount => _types.Count;

    /// <summary>Most event types held at once so far.</summary>
    public int PeakTypeCount => _types.PeakCount;

    /// <summary>
    /// The config for the next event of <c>forecast.EventType</c>, chosen by <c>forecast.PredictedRatePerSecond</c>, or
    /// by the point of <c>forecast.BytesPerSecond</c> (0 where the forecast has none) for a type measured in bytes.
    /// </summary>
    public ProfileChoice Select(TypeForecast forecast) => Select(forecast.EventType, PredictedLoad.Of(forecast));

    /// <summary>
    /// The config for the next event of <paramref name="type"/>, chosen by its predicted load in the measure the type is
    /// selected by (<see cref="ProfileSelectorOptions.MeasureFor"/>). An event that changes nothing gets the type's kept
    /// answer: choosing allocates only when the profile switches.
    /// </summary>
    public ProfileChoice Select(string type, PredictedLoad predicted)
    {
        // The type's entry is looked up once per event and carries what its options say (pin, measure, thresholds).
        if (!Find(type, predicted.CountedAt, out var state))
            return First(type, predicted);
        if (state.Level < 0)
            return state.Unchanged;
        var level = LevelFor(state, predicted);
        var atPeak = state.Peak?.Observe(predicted) == true;
        var profile = _levels[atPeak ? DebugLevel : level];
        state.Level = level;
        if (profile == state.Config.Profile)
            return state.Unchanged;
        var previous = state.Config.Profile.Name;
        state.Config = new MetricConfig(type, profile);
        Switches++;
        return new ProfileChoice(state.Config, previous);
    }

    /// <summary>The profile each type runs now (types seen so far).</summary>
    public IReadOnlyDictionary<string, string> Current() =>
        _types.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Config.Profile.Name, StringComparer.Ordinal);

    private const int DebugLevel = 2;

    /// <summary>The type's entry, marked seen when <paramref name="counted"/> is unknown or an interval after the last mark.</summary>
    private bool Find(string type, DateTimeOffset counted, [MaybeNullWhen(false)] out TypeState state)
    {
        if (counted != default && _types.TryGet(type, out state) && counted.UtcTicks - state.TouchedAt < _touchTicks)
            return true;
        if (!_types.TryTouch(type, out state))
            return false;
        state.TouchedAt = counted.UtcTicks;
        return true;
    }

    /// <summary>The first choice for a type not held: its pin, or the level its load falls in.</summary>
    private ProfileChoice First(string type, PredictedLoad predicted)
    {
        TypeState state;
        if (_pins.TryGetValue(type, out var pinned))
        {
            state = new TypeState(-1, new MetricConfig(type, pinned));
        }
        else
        {
            var measure = _options.MeasureFor(type);
            var (low, medium) = _options.ThresholdsFor(type);
            var load = Load(measure, predicted);
            var level = load < low ? 0 : load < medium ? 1 : 2;
            state = new TypeState(level, new MetricConfig(type, _levels[level]))
            {
                Measure = measure,
                Low = low,
                Medium = medium,
                Peak = _options.PeakShare > 0 ? new PeakWatch(_options.PeakShare, _options.PeakReach) : null,
            };
        }
        state.Peak?.Observe(predicted);
        state.TouchedAt = predicted.CountedAt.UtcTicks;
        _types.Set(type, state);
        return new ProfileChoice(state.Config, null);
    }

    private static double Load(LoadMeasure measure, PredictedLoad predicted) =>
        measure == LoadMeasure.Bytes ? predicted.BytesPerSecond : predicted.RatePerSecond;

    /// <summary>
    /// The type's level for <paramref name="predicted"/>. A forecast holds for a whole bucket, so most events bring the
    /// forecast the level was last worked out from; the level a load gives is one it gives again (a level the thresholds
    /// and their band leave in place), so it is worked out afresh only for another forecast.
    /// </summary>
    private int LevelFor(TypeState state, in PredictedLoad predicted)
    {
        var point = state.Measure == LoadMeasure.Bytes ? predicted.NextBucketBytes.Point : predicted.NextBucket.Point;
        if (point == state.LevelPoint && predicted.BucketLength == state.LevelBucketLength)
            return state.Level;
        state.LevelPoint = point;
        state.LevelBucketLength = predicted.BucketLength;
        return NextLevel(state, Load(state.Measure, predicted));
    }

    private int NextLevel(TypeState state, double load)
    {
        var level = state.Level;
        ReadOnlySpan<double> thresholds = [state.Low, state.Medium];
        var h = _options.Hysteresis;
        // Threshold i separates level i from level i + 1. Only one direction can apply: rising past T x (1 + h) means
        // the load is above T x (1 - h) too.
        while (level < thresholds.Length && load >= thresholds[level] * (1 + h))
            level++;
        while (level > 0 && load < thresholds[level - 1] * (1 - h))
            level--;
        return level;
    }

    private sealed class TypeState(int level, MetricConfig config)
    {
        /// <summary>When the table last marked the type seen, as <see cref="PredictedLoad.CountedAt"/> (UTC ticks).</summary>
        public long TouchedAt { get; set; }

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

        /// <summary>The forecast point and bucket length <see cref="Level"/> was last worked out from; none at first.</summary>
        public double LevelPoint { get; set; } = double.NaN;

        /// <inheritdoc cref="LevelPoint"/>
        public TimeSpan LevelBucketLength { get; set; }

        /// <summary>The type's own peaks (null for a pinned type or with the rule off).</summary>
        public PeakWatch? Peak { get; init; }

        /// <summary>What the type's thresholds measure (unused for a pinned type).</summary>
        public LoadMeasure Measure { get; init; }

        /// <summary>The type's thresholds, as its options say (unused for a pinned type).</summary>
        public double Low { get; init; }

        /// <inheritdoc cref="Low"/>
        public double Medium { get; init; }
    }
}
