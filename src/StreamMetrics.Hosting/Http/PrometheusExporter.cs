using System.Globalization;
using Prometheus;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// The families <c>/metrics</c> serves, in a registry of their own (two services in one process never mix). Counters
/// and gauges are brought up to date from the service at each scrape, so the pipeline pays nothing for them between
/// scrapes; the latency histograms are filled as events pass (<see cref="StageLatencyListener"/>).
/// README.md lists every family; a test checks that the two agree.
/// </summary>
internal sealed class PrometheusExporter
{
    private static readonly string[] TypeLabel = ["type"];

    /// <summary>From 1 µs (decoding one record) to a minute (a cold start behind a queue), about three buckets a decade.</summary>
    private static readonly double[] LatencyBuckets =
        [0.000_001, 0.000_005, 0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly SemaphoreSlim _scrape = new(1, 1);
    private readonly Counter _consumed, _processed, _deadLettered, _lost, _metricRecords, _metricBytes, _coldStarts, _switches;
    private readonly Gauge _lag, _inFlight, _inFlightLimit, _assigned, _pollAge, _ready, _parallelism, _instances, _executing, _profile, _actual, _forecast,
        _forecastLower, _forecastUpper, _forecastBytes, _forecastBytesLower, _forecastBytesUpper;
    private readonly Histogram _stages, _endToEnd;

    public PrometheusExporter()
    {
        var metrics = Metrics.WithCustomRegistry(_registry);
        Counter NewCounter(string name, string help, params string[] labels) => metrics.CreateCounter(name, help, labels);
        Gauge NewGauge(string name, string help, params string[] labels) => metrics.CreateGauge(name, help, labels);
        Histogram NewHistogram(string name, string help, params string[] labels) =>
            metrics.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = LatencyBuckets, ExemplarBehavior = ExemplarBehavior.NoExemplars() });

        _consumed = NewCounter("streammetrics_events_consumed_total", "Input records the consumer handed to the pipeline");
        _processed = NewCounter("streammetrics_events_processed_total", "Events whose sampled metrics Kafka acknowledged, per event type", TypeLabel);
        _deadLettered = NewCounter("streammetrics_events_dead_lettered_total", "Input records sent to the dead-letter topic");
        _lost = NewCounter("streammetrics_events_lost_total", "Input records that vanished from the cluster before they were read");
        _lag = NewGauge("streammetrics_consumer_lag_records", "Records of an assigned input partition not yet fetched", "topic", "partition");
        _inFlight = NewGauge("streammetrics_events_in_flight", "Input records taken from Kafka and not yet finished");
        _inFlightLimit = NewGauge("streammetrics_events_in_flight_limit", "The most input records the service takes from Kafka before it finishes some");
        _assigned = NewGauge("streammetrics_consumer_assigned_partitions", "Input partitions assigned to this instance");
        _pollAge = NewGauge("streammetrics_consumer_poll_age_seconds", "Seconds since the consumer's poll loop last went round");
        _ready = NewGauge("streammetrics_ready", "1 when /readyz answers 200: partitions assigned and the consumer polling");
        _parallelism = NewGauge("streammetrics_pool_parallelism", "The worker pool's limit on invocations running at once");
        _instances = NewGauge("streammetrics_pool_instances", "Function instances of an event type: starting, idle or busy", TypeLabel);
        _executing = NewGauge("streammetrics_pool_instances_executing", "Function instances of an event type executing an invocation now", TypeLabel);
        _coldStarts = NewCounter("streammetrics_pool_cold_starts_total", "Function instances started, pre-warmed ones included, per event type", TypeLabel);
        _profile = NewGauge("streammetrics_type_profile", "Event types running a metric profile now (1 per named type)", "type", "profile");
        _switches = NewCounter("streammetrics_profile_switches_total", "Changes of an event type's metric profile");
        _actual = NewGauge("streammetrics_actual_events_per_second", "Arrivals per second over the last forecast bucket", TypeLabel);
        _forecast = NewGauge("streammetrics_forecast_events_per_second", "Forecast arrivals per second of the bucket filling now", TypeLabel);
        _forecastLower = NewGauge("streammetrics_forecast_lower_events_per_second", "Lower bound of the forecast arrivals per second", TypeLabel);
        _forecastUpper = NewGauge("streammetrics_forecast_upper_events_per_second", "Upper bound of the forecast arrivals per second", TypeLabel);
        _forecastBytes = NewGauge("streammetrics_forecast_payload_bytes_per_second", "Forecast payload bytes per second of the bucket filling now", TypeLabel);
        _forecastBytesLower = NewGauge("streammetrics_forecast_lower_payload_bytes_per_second", "Lower bound of the forecast payload bytes per second", TypeLabel);
        _forecastBytesUpper = NewGauge("streammetrics_forecast_upper_payload_bytes_per_second", "Upper bound of the forecast payload bytes per second", TypeLabel);
        _metricRecords = NewCounter("streammetrics_metric_records_total", "Metric records Kafka acknowledged, per metrics topic", "topic");
        _metricBytes = NewCounter("streammetrics_metric_record_bytes_total", "Bytes of the metric records Kafka acknowledged (encoded values)");
        _stages = NewHistogram("streammetrics_stage_duration_seconds", "Time an event spends in a pipeline stage", "stage");
        _endToEnd = NewHistogram("streammetrics_end_to_end_latency_seconds", "From an input record's Kafka timestamp until its metrics are acknowledged");
    }

    /// <summary>The histogram of one stage, named as <see cref="Pipeline.Graph.StageLatencies.StageName"/> names it.</summary>
    public IHistogram Stage(string stage) => _stages.WithLabels(stage);

    public IHistogram EndToEnd => _endToEnd;

    /// <summary>Brings every family up to date and writes them in the Prometheus text format.</summary>
    public async Task WriteAsync(StreamMetricsService service, LiveReading reading, IReadOnlyDictionary<string, double> actual,
        bool ready, Stream output, CancellationToken cancellation)
    {
        await _scrape.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            Update(service, reading, actual, ready);
            await ExportAsync(output, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _scrape.Release();
        }
    }

    /// <summary>Writes the families as they stand, without reading the service first.</summary>
    public Task ExportAsync(Stream output, CancellationToken cancellation) => _registry.CollectAndExportAsTextAsync(output, cancellation);

    private void Update(StreamMetricsService service, LiveReading reading, IReadOnlyDictionary<string, double> actual, bool ready)
    {
        var components = service.Components;
        var counters = components.Counters;
        _consumed.IncTo(service.ConsumedMessages);
        _deadLettered.IncTo(counters.DeadLettered);
        _lost.IncTo(service.LostMessages);
        _switches.IncTo(components.Selector.Switches);
        _metricBytes.IncTo(counters.MetricBytes);
        foreach (var (topic, records) in counters.MetricRecordsByTopic)
            _metricRecords.WithLabels(topic).IncTo(records);

        Replace(_lag, service.Lag().Select(p => (new[] { p.Topic, p.Partition.ToString(CultureInfo.InvariantCulture) }, (double)p.Records)));
        _inFlight.Set(service.EventsInFlight);
        _inFlightLimit.Set(service.MaxEventsInFlight);
        _assigned.Set(service.AssignedPartitions);
        _pollAge.Set(service.SinceLastPoll?.TotalSeconds ?? double.NaN);
        _ready.Set(ready ? 1 : 0);
        _parallelism.Set(components.Pool.Parallelism);

        foreach (var type in reading.Types)
        {
            string[] label = [type.Label];
            _processed.WithLabels(label).IncTo(type.Processed);
            _coldStarts.WithLabels(label).IncTo(type.ColdStarts);
            _instances.WithLabels(label).Set(type.Instances);
            _executing.WithLabels(label).Set(type.Executing);
            _forecast.WithLabels(label).Set(type.Predicted);
            _forecastLower.WithLabels(label).Set(type.PredictedLower);
            _forecastUpper.WithLabels(label).Set(type.PredictedUpper);
            _forecastBytes.WithLabels(label).Set(type.PredictedBytes);
            _forecastBytesLower.WithLabels(label).Set(type.PredictedBytesLower);
            _forecastBytesUpper.WithLabels(label).Set(type.PredictedBytesUpper);
            if (actual.TryGetValue(type.Label, out var rate))
                _actual.WithLabels(label).Set(rate);
        }
        Replace(_profile, reading.Types.SelectMany(type => type.Profiles.Select(p => (new[] { type.Label, p.Key }, (double)p.Value))));
    }

    /// <summary>Sets <paramref name="gauge"/> to exactly these series: one no longer given (a revoked partition, a type's old profile) goes.</summary>
    private static void Replace(Gauge gauge, IEnumerable<(string[] Labels, double Value)> series)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in series)
        {
            gauge.WithLabels(labels).Set(value);
            kept.Add(string.Join('\n', labels));
        }
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!kept.Contains(string.Join('\n', labels)))
                gauge.RemoveLabelled(labels);
        }
    }
}
