using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// What the service shows at one moment, per type label: the one read that both the Prometheus scrape and the live
/// page's history take, so the two never disagree on what a figure means.
/// </summary>
internal sealed class LiveReading
{
    private LiveReading(DateTimeOffset at, IReadOnlyList<TypeReading> types)
    {
        At = at;
        Types = types;
    }

    public DateTimeOffset At { get; }

    /// <summary>Per label, ordered by label.</summary>
    public IReadOnlyList<TypeReading> Types { get; }

    public static LiveReading Read(ServiceComponents components, TypeLabels labels, TimeProvider time)
    {
        var byLabel = new SortedDictionary<string, TypeReading>(StringComparer.Ordinal);
        TypeReading Of(string type)
        {
            var label = labels.Of(type);
            if (!byLabel.TryGetValue(label, out var reading))
                byLabel.Add(label, reading = new TypeReading(label));
            return reading;
        }

        // Types are labelled in name order, so which ones fit under the limit does not depend on thread timing.
        foreach (var forecast in components.Forecaster.Snapshot().OrderBy(f => f.EventType, StringComparer.Ordinal))
        {
            var reading = Of(forecast.EventType);
            reading.Predicted += forecast.PredictedRatePerSecond;
            reading.PredictedLower += forecast.NextBucket.Lower / forecast.BucketLength.TotalSeconds;
            reading.PredictedUpper += forecast.PredictedRateUpperPerSecond;
            if (forecast.BytesPerSecond is { } bytes)
            {
                reading.PredictedBytes += bytes.Point;
                reading.PredictedBytesLower += bytes.Lower;
                reading.PredictedBytesUpper += bytes.Upper;
            }
        }
        foreach (var (type, pool) in components.Pool.Statistics().Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var reading = Of(type);
            reading.Arrivals += pool.Arrivals;
            reading.ColdStarts += pool.ColdStarts;
            reading.Instances += pool.Instances;
            reading.Executing += pool.Executing;
        }
        foreach (var (type, processed) in components.Counters.ProcessedByType)
            Of(type).Processed += processed;
        foreach (var (type, profile) in components.Counters.ProfileByType)
        {
            var profiles = Of(type).Profiles;
            profiles[profile] = profiles.GetValueOrDefault(profile) + 1;
        }
        return new LiveReading(time.GetUtcNow(), [.. byLabel.Values]);
    }
}
