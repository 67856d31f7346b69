using System.Buffers;
using System.Text.Json;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// What the operators' endpoint shows of one running service: the Prometheus families, readiness, and the live page's
/// history and JSON. The sampler calls <see cref="Sample"/> once a scaling tick; requests read.
/// </summary>
internal sealed class OperatorView
{
    private readonly StreamMetricsService _service;
    private readonly OperatorHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly TypeLabels _labels;
    private readonly string[] _profiles;
    private readonly LiveJson _json;

    public OperatorView(StreamMetricsService service, ServiceOptions serviceOptions, OperatorHttpOptions options, TimeProvider time)
    {
        _service = service;
        _options = options;
        _time = time;
        _labels = new TypeLabels(options.MaxTypes);
        _profiles = [.. serviceOptions.Config.Profiles.All.Select(p => p.Name)];
        History = new LoadHistory(options.HistoryWindow, serviceOptions.TickInterval, serviceOptions.Forecasting.BucketLength);
        _json = new LiveJson(serviceOptions.TickInterval, serviceOptions.Forecasting.BucketLength, options.HistoryWindow, _profiles);
    }

    public PrometheusExporter Exporter { get; } = new();

    public LoadHistory History { get; }

    /// <summary>Adds the service's figures now to the history.</summary>
    public void Sample() => History.Add(Read(), _profiles);

    /// <summary>Why the service is not ready to be sent traffic, or null when it is.</summary>
    public string? NotReadyReason()
    {
        if (!_service.IsFetching)
            return "the consumer is not fetching: the service is stopping, or its poll loop failed";
        if (_service.SinceLastPoll is not { } age || age > _options.ReadyPollAge)
            return $"the consumer's poll loop has not gone round for over {_options.ReadyPollAge.TotalSeconds:0.#}s";
        if (_service.AssignedPartitions == 0)
            return "no input partition is assigned to this instance (yet, or the group has more members than partitions)";
        return null;
    }

    public Task WriteMetricsAsync(Stream output, CancellationToken cancellation) =>
        Exporter.WriteAsync(_service, Read(), History.LatestActual(), NotReadyReason() is null, output, cancellation);

    /// <summary>The live page's JSON: totals and each type's figures now, and the history after <paramref name="sinceUnixMs"/>.</summary>
    public void WriteLive(IBufferWriter<byte> output, long sinceUnixMs)
    {
        using var writer = new Utf8JsonWriter(output);
        _json.Write(writer, _service, Read(), History.LatestActual(), History.Since(sinceUnixMs), NotReadyReason());
    }

    private LiveReading Read() => LiveReading.Read(_service.Components, _labels, _time);
}
