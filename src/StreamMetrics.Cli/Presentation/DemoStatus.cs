using System.Globalization;
using StreamMetrics.Hosting.Demo;
using StreamMetrics.Hosting.Watching;

namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// The demo's running system as the status table shows it, read in-process: per event type the actual rate (events
/// processed over the last second or more), the forecast and its bounds, the forecast data volume and its bounds, the
/// profile and its share of the pool.
/// </summary>
internal sealed class DemoStatus(DemoProgress progress)
{
    private static readonly TimeSpan RateEvery = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _rates = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, long> _counted = new Dictionary<string, long>();
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;

    public StatusSnapshot Snapshot(DateTimeOffset now)
    {
        var components = progress.Components;
        var forecasts = components.Forecaster.Snapshot().ToDictionary(f => f.EventType, StringComparer.Ordinal);
        var profiles = components.Counters.ProfileByType;
        var pool = components.Pool.Statistics();
        var rates = Rates(components.Counters.ProcessedByType, now);
        var types = forecasts.Keys.Union(pool.Types.Keys).Order(StringComparer.Ordinal);
        var rows = types.Select(type =>
        {
            var forecast = forecasts.GetValueOrDefault(type);
            var seconds = forecast?.BucketLength.TotalSeconds;
            var share = pool.Types.GetValueOrDefault(type);
            return new TypeStatusRow(
                type, rates.TryGetValue(type, out var rate) ? rate : null,
                forecast?.PredictedRatePerSecond, forecast?.NextBucket.Lower / seconds, forecast?.NextBucket.Upper / seconds,
                profiles.GetValueOrDefault(type), share?.Instances, share?.Executing, null, share?.ColdStarts,
                new Dictionary<string, double>(), PredictedBytesPerSecond: forecast?.BytesPerSecond);
        }).ToList();
        var counters = components.Counters;
        var metrics = string.Join(", ", counters.MetricRecordsByTopic.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:#,0}")));
        List<string> notes =
        [
            string.Create(CultureInfo.InvariantCulture,
                $"pool: parallelism {components.Pool.Parallelism}, {pool.Instances} instances ({pool.Executing} executing), {pool.ColdStarts:#,0} cold starts"),
            string.Create(CultureInfo.InvariantCulture,
                $"events produced {progress.Produced():#,0}, processed {counters.EventsProcessed:#,0}; profile switches {components.Selector.Switches}"),
            $"metric records: {(metrics.Length == 0 ? "none yet" : metrics)}",
        ];
        return new StatusSnapshot(now, rows, [], notes);
    }

    /// <summary>Events processed per second and type, measured over at least <see cref="RateEvery"/> whatever the refresh.</summary>
    private Dictionary<string, double> Rates(IReadOnlyDictionary<string, long> processed, DateTimeOffset now)
    {
        lock (_gate)
        {
            var seconds = (now - _countedAt).TotalSeconds;
            if (seconds >= RateEvery.TotalSeconds)
            {
                if (_countedAt != DateTimeOffset.MinValue)
                {
                    foreach (var (type, count) in processed)
                        _rates[type] = (count - _counted.GetValueOrDefault(type)) / seconds;
                }
                _counted = processed;
                _countedAt = now;
            }
            return new Dictionary<string, double>(_rates, StringComparer.Ordinal);
        }
    }
}
