using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Core.Events;

/// <summary>
/// The one bound every per-event-type table of the service keeps (forecaster, configurator, worker pool, scaler,
/// counters): a type not seen for <see cref="IdleTimeout"/> is forgotten, and a table holding <see cref="MaxTypes"/>
/// types forgets its least recently seen type before it takes a new one. Producers can invent any number of type
/// names; memory then stays within <see cref="MaxTypes"/> times the cost of one type.
/// </summary>
public sealed class TypeTableOptions
{
    /// <summary>
    /// The default bound: 75,000 types. A type costs about 4 KB across all tables when first seen and about 22 KB once
    /// its forecasting models hold a day of history (20 KB of it the models; see the README), so a full table of
    /// long-lived types takes about 1.65 GB, within 2 GB with the rest of the process; 100,000 such types would not fit.
    /// </summary>
    public const int DefaultMaxTypes = 75_000;

    public const int MaxTypesLimit = 10_000_000;

    public static readonly TimeSpan MinIdleTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxIdleTimeout = TimeSpan.FromDays(30);

    /// <summary>
    /// The default idle time: one day, the forecasting models' season. After a day without an event a type's models
    /// have seen a whole season of empty buckets and predict nothing from its past, so forgetting it loses nothing.
    /// </summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromDays(1);

    /// <summary>Most event types a table holds. Range 1 to 10,000,000; default <see cref="DefaultMaxTypes"/>.</summary>
    public int MaxTypes { get; init; } = DefaultMaxTypes;

    /// <summary>How long a type may go without an event before it is forgotten. Range 1 s to 30 days; default 1 day.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option (under <paramref name="keyPrefix"/>) and the value.</summary>
    public void Validate(string keyPrefix = "--")
    {
        if (MaxTypes is < 1 or > MaxTypesLimit)
            throw new ArgumentException($"{keyPrefix}max-types = {MaxTypes}, must be between 1 and {MaxTypesLimit}");
        if (IdleTimeout < MinIdleTimeout || IdleTimeout > MaxIdleTimeout)
        {
            throw new ArgumentException(
                $"{keyPrefix}type-idle-timeout = {DurationText.Format(IdleTimeout)}, must be between {DurationText.Format(MinIdleTimeout)} and {DurationText.Format(MaxIdleTimeout)}");
        }
    }
}
