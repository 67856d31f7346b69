using System.Runtime.InteropServices;

namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Which event types' forecasts a scaling tick publishes: those whose record would say something the last one published
/// for the type did not. That is a type that saw arrivals (or payload bytes) since, one whose bucket closed (a new
/// bucket brings a new forecast, so every held type is published at least once per bucket), one whose forecast was
/// replaced (a restored state), and one whose status
/// changed (its profile or its share of the pool, given as a hash). With 100,000 types, most idle within a bucket,
/// publishing every type on every tick was what the tick cost and what the publisher queued; readers of the
/// <c>forecasts</c> topic may take a type's silence between two records as arrivals that did not come.
/// Not thread-safe: the scaling actor alone uses it.
/// </summary>
public sealed class ForecastChanges
{
    private readonly Dictionary<string, Published> _published = new(StringComparer.Ordinal);
    private long _tick;

    /// <summary>Types whose last published record is remembered.</summary>
    public int Count => _published.Count;

    /// <summary>Starts a tick: the types not seen by <see cref="IsNews"/> before <see cref="EndTick"/> are forgotten then.</summary>
    public void BeginTick() => _tick++;

    /// <summary>
    /// True when <paramref name="forecast"/>, with a status whose hash is <paramref name="status"/>, differs from the
    /// record last published for its type (or none was); it is then remembered as published.
    /// </summary>
    public bool IsNews(TypeForecast forecast, int status)
    {
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_published, forecast.EventType, out var known);
        var now = new Published(
            forecast.BucketStart.UtcTicks, forecast.ArrivalsInBucket, forecast.Bytes?.InBucket ?? 0,
            HashCode.Combine(forecast.NextBucket, forecast.Bytes?.NextBucket), status, _tick);
        var news = !known || !now.SaysTheSame(last);
        last = now;
        return news;
    }

    /// <summary>
    /// Forgets the types <see cref="IsNews"/> was not asked about since <see cref="BeginTick"/>: the forecaster forgot
    /// them or they moved to another instance, and if they come back their first record is news again.
    /// </summary>
    public void EndTick()
    {
        foreach (var (type, published) in _published)
        {
            if (published.Tick != _tick)
                _published.Remove(type);
        }
    }

    /// <summary>What a published record said, the forecasts and the status as hashes (compared in-process only).</summary>
    private readonly record struct Published(long BucketTicks, long Arrivals, long Bytes, int Forecasts, int Status, long Tick)
    {
        public bool SaysTheSame(Published other) =>
            BucketTicks == other.BucketTicks && Arrivals == other.Arrivals && Bytes == other.Bytes
            && Forecasts == other.Forecasts && Status == other.Status;
    }
}
