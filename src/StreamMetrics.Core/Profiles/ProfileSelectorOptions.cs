using System.Globalization;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// How the configurator maps predicted load to a profile (config section <c>selection</c>). Thresholds are in predicted
/// events per second, or predicted payload bytes per second where <see cref="By"/> says <see cref="LoadMeasure.Bytes"/>:
/// below <see cref="Low"/> a type runs <c>minimal</c>, below <see cref="Medium"/> <c>standard</c>, otherwise <c>debug</c>.
/// </summary>
public sealed class ProfileSelectorOptions
{
    /// <summary>What <see cref="Low"/> and <see cref="Medium"/> measure: predicted events or payload bytes per second. Default rate.</summary>
    public LoadMeasure By { get; init; } = LoadMeasure.Rate;

    /// <summary>Predicted load (unit of <see cref="By"/>) below which a type runs <c>minimal</c>. At least 0; default 5.</summary>
    public double Low { get; init; } = 5;

    /// <summary>Predicted load below which a type runs <c>standard</c>. Greater than <see cref="Low"/>; default 50.</summary>
    public double Medium { get; init; } = 50;

    /// <summary>
    /// Relative band around each threshold T: a type moves up past T only when its rate reaches T x (1 + h), and down
    /// only when it falls below T x (1 - h), so a type hovering at a threshold keeps its profile. Range [0, 1); default 0.2.
    /// </summary>
    public double Hysteresis { get; init; } = 0.2;

    /// <summary>Per event type overrides and pins (key: event type). Default none.</summary>
    public IReadOnlyDictionary<string, TypeSelection> Types { get; init; } = new Dictionary<string, TypeSelection>(StringComparer.Ordinal);

    /// <summary>What the thresholds of <paramref name="eventType"/> measure.</summary>
    public LoadMeasure MeasureFor(string eventType) => Types.TryGetValue(eventType, out var own) ? own.By ?? By : By;

    /// <summary>The thresholds that apply to <paramref name="eventType"/>, in the unit of <see cref="MeasureFor"/>.</summary>
    public (double Low, double Medium) ThresholdsFor(string eventType) =>
        Types.TryGetValue(eventType, out var own) ? (own.Low ?? Low, own.Medium ?? Medium) : (Low, Medium);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the key (written under <paramref name="keyPrefix"/>, e.g.
    /// <c>"selection."</c>) and the value; pins must name a profile of <paramref name="catalog"/> when one is given.
    /// </summary>
    public void Validate(string keyPrefix = "", ProfileCatalog? catalog = null)
    {
        if (!double.IsFinite(Low) || Low < 0)
            throw new ArgumentException($"{keyPrefix}low = {Text(Low)}, must be a number at least 0");
        if (!double.IsFinite(Hysteresis) || Hysteresis is < 0 or >= 1)
            throw new ArgumentException($"{keyPrefix}hysteresis = {Text(Hysteresis)}, must be at least 0 and below 1");
        CheckPair(Low, Medium, $"{keyPrefix}medium", $"{keyPrefix}low");
        foreach (var (type, own) in Types)
        {
            var key = $"{keyPrefix}types.{type}";
            if (string.IsNullOrWhiteSpace(type))
                throw new ArgumentException($"{keyPrefix}types: an event type name must not be empty");
            if (own.Pin is not null && (own.Low is not null || own.Medium is not null || own.By is not null))
                throw new ArgumentException($"{key}: a pinned type ignores load, so 'pin' and 'low'/'medium'/'by' cannot be combined");
            // The global thresholds are in the global measure's unit: a type measured otherwise needs its own.
            if (own.By is { } by && by != By && (own.Low is null || own.Medium is null))
            {
                throw new ArgumentException(
                    $"{key}.by = {Name(by)} differs from {keyPrefix}by = {Name(By)}, so the type needs its own 'low' and 'medium' (in {Unit(by)})");
            }
            if (own.Pin is { } pin && catalog is not null && !catalog.Contains(pin))
                throw new ArgumentException($"{key}.pin = '{pin}' is not a defined profile; known profiles: {string.Join(", ", catalog.All.Select(p => p.Name))}");
            if (own.Low is { } low && (!double.IsFinite(low) || low < 0))
                throw new ArgumentException($"{key}.low = {Text(low)}, must be a number at least 0");
            var (effectiveLow, effectiveMedium) = ThresholdsFor(type);
            CheckPair(effectiveLow, effectiveMedium, $"{key}.medium", own.Low is null ? $"{keyPrefix}low" : $"{key}.low");
        }
    }

    private static void CheckPair(double low, double medium, string mediumKey, string lowKey)
    {
        if (!double.IsFinite(medium) || medium <= low)
            throw new ArgumentException($"{mediumKey} = {Text(medium)}, must be a number greater than {lowKey} = {Text(low)}");
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of a measure as the config file writes it.</summary>
    public static string Name(LoadMeasure measure) => measure.ToString().ToLowerInvariant();

    private static string Unit(LoadMeasure measure) => measure == LoadMeasure.Bytes ? "payload bytes per second" : "events per second";
}
