using System.Buffers;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Profiles;

/// <summary>
/// One type's own high load: from the forecasts the configurator sees it rebuilds the type's bucket counts (a bucket
/// closes when a forecast names a later one; buckets with no event are zeros) and learns its peak level, the smallest
/// count among its busiest <c>share</c> of the last day's buckets (at least one event), refreshed every
/// <see cref="RefreshBuckets"/> buckets once that many are known. The type is at its peak while the coming bucket's
/// forecast upper bound, but no more than <c>reach</c> events above the point forecast, reaches that level: a quiet type,
/// whose bounds span a few events, runs debug whenever its bound allows a peak; a busy type, whose bounds span hundreds
/// and whose every minute at debug costs many records, only when its point forecast comes close. The forecast holds for
/// a whole bucket, so the choice cannot flicker inside one, and no band around the level is kept.
/// </summary>
internal sealed class PeakWatch(double share, double reach)
{
    /// <summary>Buckets kept: a day of one-minute buckets.</summary>
    private const int HistoryBuckets = 1440;

    /// <summary>Buckets between two refreshes of the level, and known before the first: five minutes of one-minute buckets.</summary>
    public const int RefreshBuckets = 5;

    private readonly CountRing _counts = new(HistoryBuckets);
    private DateTimeOffset? _bucket;
    private long _arrivals;
    private long _closed;
    private double _level = double.PositiveInfinity;

    /// <summary>Takes one event's forecast; returns whether the type is at its peak.</summary>
    public bool Observe(in PredictedLoad forecast)
    {
        if (_bucket is { } open && forecast.BucketStart > open)
            Close(open, forecast.BucketStart, forecast.BucketLength);
        _bucket = forecast.BucketStart;
        _arrivals = forecast.ArrivalsInBucket;
        var next = forecast.NextBucket;
        return Math.Min(next.Upper, next.Point + reach) >= _level;
    }

    private void Close(DateTimeOffset open, DateTimeOffset next, TimeSpan length)
    {
        var silent = Math.Min((next - open).Ticks / length.Ticks - 1, HistoryBuckets);
        Add(_arrivals);
        for (var i = 0; i < silent; i++)
            Add(0);
    }

    private void Add(double count)
    {
        _counts.Add(count);
        _closed++;
        if (_closed % RefreshBuckets == 0)
        {
            // A pooled scratch array: a type's day of counts is sorted once every few buckets, and neither a new array
            // each time nor one kept per type is worth its memory.
            var scratch = ArrayPool<double>.Shared.Rent(_counts.Count);
            var counts = scratch.AsSpan(0, _counts.Count);
            _counts.CopyLatest(counts);
            _level = Math.Max(1, HighLoad.Level(counts, share));
            ArrayPool<double>.Shared.Return(scratch);
        }
    }
}
