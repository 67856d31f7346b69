using System.Globalization;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// Turns the records of the operators' topics into one row per event type: <c>forecasts</c> give the actual and
/// predicted rates, the predicted data volume, the profile and the pool; <c>scaling</c> gives per-type floors and the pool-wide decision;
/// <c>metrics.*</c> give each type's metric records per second per topic, and the profile where no forecast says it.
/// Reads nothing itself, so it is fed and tested with records alone. Not thread-safe: one reader feeds it.
/// </summary>
internal sealed class TypeStatusBoard(TimeSpan window)
{
    /// <summary>The rates are means over this much time: long enough to smooth a tick's jitter, short enough to follow a burst.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A row with nothing new for this long, or for two of its buckets if longer, is marked stale: its writer may have
    /// stopped. An idle type's forecast is published once per bucket, so a quiet row is not a stopped writer.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>The scope a pool-wide scaling decision names instead of an event type.</summary>
    private const string PoolScope = "pool";

    private readonly SortedDictionary<string, TypeEntry> _types = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _metricTopics = new(StringComparer.Ordinal);
    private ScalingRecord? _pool;

    /// <summary>The writer's time of its latest forecast of any type: the end of every type's arrival-rate window.</summary>
    private DateTimeOffset _writerNow = DateTimeOffset.MinValue;

    /// <summary>When the earliest metric record read was written: the metric rates count from there.</summary>
    private DateTimeOffset _metricsSince = DateTimeOffset.MaxValue;
    private long _records;
    private long _undecodable;

    public TypeStatusBoard() : this(DefaultWindow)
    {
    }

    public void Add(ForecastRecord forecast, DateTimeOffset received)
    {
        _records++;
        var entry = Entry(forecast.Forecast.EventType, received);
        entry.Arrivals.Add(forecast);
        if (forecast.At > _writerNow)
            _writerNow = forecast.At;
        if (entry.Forecast is null || forecast.At >= entry.Forecast.At)
            entry.Forecast = forecast;
    }

    public void Add(ScalingRecord decision, DateTimeOffset received)
    {
        _records++;
        if (decision.Decision.Scope == PoolScope)
        {
            if (_pool is null || decision.At >= _pool.At)
                _pool = decision;
            return;
        }
        var entry = Entry(decision.Decision.Scope, received);
        if (entry.Floor is null || decision.At >= entry.Floor.At)
            entry.Floor = decision;
    }

    public void Add(string topic, MetricSample sample, DateTimeOffset received)
    {
        _records++;
        var entry = Entry(sample.EventType, received);
        _metricTopics.Add(topic);
        if (!entry.Metrics.TryGetValue(topic, out var rate))
            entry.Metrics.Add(topic, rate = new RateWindow(window));
        rate.Add(received);
        entry.MetricProfile = sample.Profile;
        if (received < _metricsSince)
            _metricsSince = received;
    }

    /// <summary>Records read so far, undecodable ones included.</summary>
    public long Records => _records + _undecodable;

    /// <summary>A record that was not one of ours, or did not decode: counted, so the view can say so.</summary>
    public void AddUndecodable() => _undecodable++;

    public StatusSnapshot Snapshot(DateTimeOffset now)
    {
        var topics = _metricTopics.ToList();
        var rows = _types.Select(pair => Row(pair.Key, pair.Value, topics, now)).ToList();
        List<string> notes = [];
        if (_pool is { } pool)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"pool parallelism {pool.Decision.DesiredInstances} (was {pool.PreviousInstances}), {pool.Policy}: {pool.Decision.Reason}"));
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Records:N0} records read, {_undecodable:N0} of them undecodable"));
        return new StatusSnapshot(now, rows, topics, notes);
    }

    private TypeStatusRow Row(string type, TypeEntry entry, IReadOnlyList<string> topics, DateTimeOffset now)
    {
        var forecast = entry.Forecast;
        var seconds = forecast?.Forecast.BucketLength.TotalSeconds;
        var status = forecast?.Status ?? TypeStatus.Unknown;
        return new TypeStatusRow(
            type,
            entry.Arrivals.PerSecond(_writerNow),
            forecast?.Forecast.PredictedRatePerSecond,
            forecast?.Forecast.NextBucket.Lower / seconds,
            forecast?.Forecast.NextBucket.Upper / seconds,
            status.Profile ?? entry.MetricProfile,
            status.Instances,
            status.Executing,
            entry.Floor?.Decision.DesiredInstances,
            status.ColdStarts,
            topics.ToDictionary(topic => topic, topic => entry.Metrics.TryGetValue(topic, out var rate) ? rate.PerSecond(now, _metricsSince) : 0, StringComparer.Ordinal),
            Stale: (now - entry.LastReceived).Ticks > Math.Max(StaleAfter.Ticks, 2 * (forecast?.Forecast.BucketLength.Ticks ?? 0)),
            PredictedBytesPerSecond: forecast?.Forecast.BytesPerSecond);
    }

    private TypeEntry Entry(string type, DateTimeOffset received)
    {
        if (!_types.TryGetValue(type, out var entry))
            _types.Add(type, entry = new TypeEntry(new ArrivalRate(window)));
        if (received > entry.LastReceived)
            entry.LastReceived = received;
        return entry;
    }

    private sealed class TypeEntry(ArrivalRate arrivals)
    {
        public ArrivalRate Arrivals { get; } = arrivals;

        public ForecastRecord? Forecast { get; set; }

        public ScalingRecord? Floor { get; set; }

        public Dictionary<string, RateWindow> Metrics { get; } = new(StringComparer.Ordinal);

        public string? MetricProfile { get; set; }

        public DateTimeOffset LastReceived { get; set; } = DateTimeOffset.MinValue;
    }
}
