using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Workload;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Demo;

/// <summary>
/// The main job: an embedded cluster, the service, and a synthetic day of load compressed into the run; waits until
/// every produced event is processed, stops cleanly and summarises. Status lines go to <c>status</c>; a view of the
/// running system (the command line's live table, a test's probe) is given its components while the load runs.
/// </summary>
public sealed class DemoRun(TimeSpan duration, int seed, TextWriter status)
{
    /// <summary>How long the demo waits, after the load ends, for the last events to be processed.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Buckets in the compressed day: enough for the forecaster to learn within the run, and the season of its models.</summary>
    private const int DemoBuckets = 30;

    /// <summary>Slices in which the synthetic load is drawn: its rates change from one to the next.</summary>
    private static readonly TimeSpan WorkloadSlice = TimeSpan.FromMilliseconds(100);

    /// <param name="view">Runs while the load is published, until its token is cancelled.</param>
    public async Task<DemoSummary> RunAsync(Func<DemoProgress, CancellationToken, Task> view, CancellationToken cancellation)
    {
        var time = TimeProvider.System;
        using var kafka = ClusterConnection.Open(bootstrapServers: null);
        status.WriteLine($"embedded Kafka cluster: bootstrap.servers={kafka.BootstrapServers}");
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
        using var host = ServiceHost.Build(options, kafka.Topics, time, new ServiceHostOptions { LogLevel = LogLevel.Warning });
        await host.StartAsync(cancellation);
        var service = host.Service();
        using var publisher = new RecordPublisher(kafka.Clients, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<RecordPublisher>());
        var workload = new TimedEventPublisher(publisher, options.InputTopic, time);

        using var viewStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var live = view(new DemoProgress(service.Components, () => workload.Produced), viewStop.Token);
        await workload.RunAsync(SyntheticWorkload.Demo(duration, seed).Events(time.GetUtcNow(), WorkloadSlice), TimeSpan.Zero, cancellation);
        if (workload.FirstFailure is { } failure)
            status.WriteLine($"warning: {workload.Failed:N0} events could not be published: {failure.Message}");
        if (!await service.Components.Counters.WaitForFinishedAsync(workload.Produced, DrainTimeout, cancellation))
            status.WriteLine($"warning: after {DrainTimeout.TotalSeconds:F0}s only {service.Components.Counters.EventsProcessed} of {workload.Produced} events were processed");
        await viewStop.CancelAsync();
        await live;
        await host.StopAsync(CancellationToken.None);
        return Summarise(service, workload.Produced, time.GetElapsedTime(started));
    }

    private static DemoSummary Summarise(StreamMetricsService service, long produced, TimeSpan elapsed)
    {
        var components = service.Components;
        var pool = components.Pool.Statistics();
        return new DemoSummary(
            Math.Round(elapsed.TotalSeconds, 1),
            produced,
            components.Counters.EventsProcessed,
            components.Counters.ProcessedByType,
            components.Counters.DeadLettered,
            components.Counters.MetricRecordsByTopic,
            components.Selector.Switches,
            pool.ColdStarts,
            pool.InstancesMax,
            components.Peak.Max,
            service.LostMessages);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
