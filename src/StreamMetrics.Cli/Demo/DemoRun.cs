using Microsoft.Extensions.Logging;
using StreamMetrics.Cli.Hosting;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Workload;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Cli.Demo;

/// <summary>
/// The main job: an embedded cluster, the service, and a synthetic day of load compressed into the run; waits until
/// every produced event is processed, stops cleanly and summarises.
/// </summary>
internal sealed class DemoRun(TimeSpan duration, int seed, ILoggerFactory loggers, TextWriter view)
{
    /// <summary>How long the demo waits, after the load ends, for the last events to be processed.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Buckets in the compressed day: enough for the forecaster to learn within the run, and the season of its models.</summary>
    private const int DemoBuckets = 30;

    public async Task<DemoSummary> RunAsync(CancellationToken cancellation)
    {
        var time = TimeProvider.System;
        using var kafka = ClusterConnection.Open(bootstrapServers: null);
        view.WriteLine($"embedded Kafka cluster: bootstrap.servers={kafka.BootstrapServers}");
        var options = new ServiceOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            Group = "streammetrics-demo",
            Config = StreamMetricsConfig.Parse(DemoConfig.Json, "demo configuration"),
            Forecasting = new LoadForecasterOptions { BucketLength = Max(TimeSpan.FromSeconds(1), duration / DemoBuckets) },
            Models = new ForecastModelOptions { SeasonLength = DemoBuckets },
            TickInterval = TimeSpan.FromMilliseconds(500),
        };
        var started = time.GetTimestamp();
        await using var service = await StreamMetricsService.StartAsync(options, kafka.Topics, loggers, time, cancellation);
        using var publisher = new RecordPublisher(kafka.BootstrapServers, loggers.CreateLogger<RecordPublisher>());
        var workload = new WorkloadPublisher(SyntheticWorkload.Demo(duration, seed), publisher, options.InputTopic, time);

        using var viewStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var live = new LiveView(service.Parts, () => workload.Produced, view).RunAsync(TimeSpan.FromSeconds(1), time, viewStop.Token);
        await workload.RunAsync(cancellation);
        if (!await service.Parts.Counters.WaitForFinishedAsync(workload.Produced, DrainTimeout, cancellation))
            Console.Error.WriteLine($"warning: after {DrainTimeout.TotalSeconds:F0}s only {service.Parts.Counters.EventsProcessed} of {workload.Produced} events were processed");
        await viewStop.CancelAsync();
        await live;
        await service.StopAsync();
        return Summarise(service, workload.Produced, time.GetElapsedTime(started));
    }

    private static DemoSummary Summarise(StreamMetricsService service, long produced, TimeSpan elapsed)
    {
        var parts = service.Parts;
        var pool = parts.Pool.Statistics();
        return new DemoSummary(
            Math.Round(elapsed.TotalSeconds, 1),
            produced,
            parts.Counters.EventsProcessed,
            parts.Counters.ProcessedByType,
            parts.Counters.DeadLettered,
            parts.Counters.MetricRecordsByTopic,
            parts.Selector.Switches,
            pool.ColdStarts,
            pool.InstancesMax,
            parts.Scaling.PoolSizeMax,
            service.LostMessages);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
