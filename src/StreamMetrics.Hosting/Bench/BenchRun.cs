using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Bench;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Bench;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// <c>bench</c>: the same events, in one process, through four paths one after another: a plain Confluent.Kafka loop
/// (the I/O limit), the full pipeline on Kafka, the graph's shape with identity stages in memory (the framework's
/// cost) and the full pipeline in memory; then the pipeline's end-to-end latency at half its measured maximum rate.
/// Progress lines go to <paramref name="status"/>; the figures come back as a <see cref="BenchReport"/>. Every Kafka client
/// of the run (input writer, kafka-raw's loop, the service's consumer and publisher) gets <paramref name="kafkaProperties"/>,
/// librdkafka properties as <c>-X</c> gives them.
/// </summary>
public sealed class BenchRun(
    long events, int types, BenchProfile profile, TextWriter status, IReadOnlyDictionary<string, string>? kafkaProperties = null)
{
    private readonly IReadOnlyDictionary<string, string> _kafkaProperties = kafkaProperties ?? new Dictionary<string, string>();

    private const string InputTopic = "bench-events";
    private const string RawOutputTopic = "bench-raw-out";
    private const string StateTopic = "bench-forecaster-state";

    /// <summary>Metric records one event can produce at most (debug: all six metrics).</summary>
    private const int MaxRecordsPerEvent = 6;

    /// <summary>About what one metric record weighs encoded.</summary>
    private const int MetricRecordBytes = 60;

    /// <summary>How long the latency phase publishes at half the measured rate.</summary>
    private static readonly TimeSpan LatencyPhase = TimeSpan.FromSeconds(5);

    /// <summary>A Kafka path that reads nothing new for this long has stalled and fails the run.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public async Task<BenchReport> RunAsync(CancellationToken cancellation)
    {
        var records = BenchEvents.Encode(types, DateTimeOffset.UtcNow);
        var recordBytes = records.Max(r => r.Length);
        var latencyEventsMax = events; // the latency phase publishes at most as many events again
        var inputPartitions = BenchSizing.Partitions(events + latencyEventsMax, recordBytes);
        var metricPartitions = BenchSizing.Partitions(events * MaxRecordsPerEvent, MetricRecordBytes);

        using var kafka = ClusterConnection.Open(bootstrapServers: null, _kafkaProperties);
        status.WriteLine($"bench: {events:N0} events, {types:N0} types, profile {Name(profile)}; embedded cluster {kafka.BootstrapServers}; " +
                         $"input {inputPartitions} partitions, metrics {metricPartitions} partitions{Described(_kafkaProperties)}");
        await kafka.Topics.EnsureTopicsAsync(Topics(inputPartitions, metricPartitions), cancellation);

        var failed = BenchInputWriter.Write(kafka.Clients, InputTopic, inputPartitions, events, types, Progress("writing input"));
        if (failed > 0)
            throw new InvalidOperationException($"bench: {failed} input records were not acknowledged");

        status.WriteLine("kafka-raw: consume, produce one record per event, store offsets after delivery");
        var rawCpu = new CpuClock();
        var raw = await Task.Factory.StartNew(
            () => KafkaRawLoop.Run(kafka.Clients, InputTopic, inputPartitions, RawOutputTopic, events, StallTimeout, Progress("kafka-raw")),
            cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var rawRate = Rate(raw.Records, raw.Elapsed);
        var cpuRaw = rawCpu.MicrosecondsPer(raw.Records);
        status.WriteLine($"kafka-raw: {rawRate:N0} events/s, {cpuRaw:N1} us CPU per event");

        var options = new ServiceOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            Group = "streammetrics-bench",
            InputTopic = InputTopic,
            ForecasterStateTopic = StateTopic,
            KafkaProperties = _kafkaProperties,
            Config = BenchConfig.For(profile, types),
            // Every type is held, so the run measures what types cost rather than what forgetting them costs.
            Types = new TypeTableOptions { MaxTypes = Math.Clamp(types, TypeTableOptions.DefaultMaxTypes, TypeTableOptions.MaxTypesLimit) },
        };
        status.WriteLine("pipeline-kafka: the service, noop functions");
        var service = await RunServiceAsync(kafka, options, cancellation);
        var (pipelineRate, cpuPipeline, latency) = (service.Rate, service.CpuPerEvent, service.Latency);
        status.WriteLine($"pipeline-kafka: {pipelineRate:N0} events/s, {cpuPipeline:N1} us CPU per event, {service.MetricRecordsPerEvent:N2} metric records per event; " +
                         $"latency p50 {latency.P50} ms, p99 {latency.P99} ms at {latency.RatePerSecond:N0} events/s");
        var truncated = TruncatedPartitions.Find(kafka.Clients, MetricTopics, metricPartitions);
        foreach (var partition in truncated)
            status.WriteLine($"bench: {partition.TopicPartition} lost its records below offset {partition.Offset.Value}: the embedded cluster keeps about 5 MiB per partition");

        status.WriteLine("akka-raw: the graph's shape with identity stages, in memory");
        var identityCpu = new CpuClock();
        var identity = await InMemoryBench.RunIdentityAsync(records, events, options.Config.Pool.MaxParallelism, Progress("akka-raw"), cancellation);
        var akkaRate = Rate(identity.Events, identity.Elapsed);
        var cpuAkka = identityCpu.MicrosecondsPer(identity.Events);
        status.WriteLine($"akka-raw: {akkaRate:N0} events/s, {cpuAkka:N1} us CPU per event");

        status.WriteLine("pipeline-memory: the full graph, in-memory source and sink");
        var memoryCpu = new CpuClock();
        var memory = await InMemoryBench.RunPipelineAsync(options, records, events, Progress("pipeline-memory"), cancellation);
        var memoryRate = Rate(memory.Events, memory.Elapsed);
        var cpuMemory = memoryCpu.MicrosecondsPer(memory.Events);
        status.WriteLine($"pipeline-memory: {memoryRate:N0} events/s, {cpuMemory:N1} us CPU per event");

        var rates = new BenchRates(rawRate, pipelineRate, akkaRate, memoryRate);
        using var process = Process.GetCurrentProcess();
        return new BenchReport(
            events, types, Name(profile), rates, BenchRatios.Of(rates),
            Math.Round((double)memory.AllocatedBytes / memory.Events, 1),
            process.PeakWorkingSet64,
            latency,
            Math.Round((double)Math.Max(0, memory.RetainedBytes) / types, 1),
            raw.Lost + service.Lost,
            truncated.Count > 0,
            memory.TypesHeld,
            Math.Round((double)Math.Max(0, memory.RetainedBytes) / Math.Max(1, memory.TypesHeld), 1),
            new BenchCpu(cpuRaw, cpuPipeline, cpuAkka, cpuMemory),
            service.MetricRecordsPerEvent);
    }

    private static string Described(IReadOnlyDictionary<string, string> properties) =>
        properties.Count == 0 ? "" : "; " + string.Join(" ", properties.Select(p => "-X " + KafkaProperties.Describe(p.Key, p.Value)));

    private static IEnumerable<string> MetricTopics => StandardTopics.BuiltInProfiles.Select(StandardTopics.MetricsTopic);

    public static string Name(BenchProfile profile) => profile.ToString().ToLowerInvariant();

    private static IReadOnlyList<TopicSpec> Topics(int inputPartitions, int metricPartitions)
    {
        // The state topic is co-partitioned with the input, as the service requires for its hand-over.
        List<TopicSpec> topics = [new(InputTopic, inputPartitions), new(RawOutputTopic, inputPartitions), new(StateTopic, inputPartitions, Compacted: true)];
        topics.AddRange(MetricTopics.Select(topic => new TopicSpec(topic, metricPartitions)));
        return topics;
    }

    /// <summary>The service on the input topic: its maximum rate over every event, then its latency at half that rate.</summary>
    private async Task<ServicePhase> RunServiceAsync(
        ClusterConnection kafka, ServiceOptions options, CancellationToken cancellation)
    {
        using var host = ServiceHost.Build(options, kafka.Topics, TimeProvider.System, new ServiceHostOptions { LogLevel = LogLevel.Warning });
        await host.StartAsync(cancellation);
        var service = host.Service();
        var counters = service.Components.Counters;
        var clock = await WaitForAsync(() => counters.EventsReceived > 0 ? 1 : 0, 1, "pipeline-kafka (first event)", null, cancellation);
        clock.Restart();
        var cpu = new CpuClock();
        await WaitForAsync(() => counters.EventsProcessed + counters.DeadLettered, events, "pipeline-kafka", Progress("pipeline-kafka"), cancellation);
        var rate = Rate(counters.EventsProcessed, clock.Elapsed);
        var cpuPerEvent = cpu.MicrosecondsPer(counters.EventsProcessed);
        // Every processed event's records are acknowledged by now: an event counts as processed once they are.
        var recordsPerEvent = Math.Round((double)counters.MetricRecordsByTopic.Values.Sum() / Math.Max(1, counters.EventsProcessed), 2);

        var paced = Math.Max(1, rate / 2);
        var count = (long)Math.Clamp(paced * LatencyPhase.TotalSeconds, 1, events);
        status.WriteLine($"latency: {count:N0} events at {paced:N0} events/s");
        var endToEnd = new EndToEndLatency();
        using var listening = Listen(service.Components.Latencies, endToEnd);
        using (var publisher = new RecordPublisher(kafka.Clients))
        {
            var workload = new TimedEventPublisher(publisher, options.InputTopic, TimeProvider.System);
            await workload.RunAsync(Paced(count, paced), TimeSpan.Zero, cancellation);
            if (workload.Failed > 0)
                throw new InvalidOperationException($"bench: {workload.Failed} latency events were not acknowledged: {workload.FirstFailure?.Message}");
        }
        await WaitForAsync(() => counters.EventsProcessed + counters.DeadLettered, events + count, "latency", null, cancellation);
        var latency = new BenchLatency(endToEnd.PercentileMs(0.5), endToEnd.PercentileMs(0.99), Math.Round(paced), count);
        if (counters.DeadLettered > 0)
            throw new InvalidOperationException($"bench: {counters.DeadLettered} events were dead-lettered");
        var lost = service.LostMessages;
        await host.StopAsync(CancellationToken.None);
        return new ServicePhase(rate, cpuPerEvent, recordsPerEvent, latency, lost);
    }

    /// <summary>What the pipeline-kafka phase measured: at its maximum rate, then its latency at half that rate.</summary>
    private sealed record ServicePhase(double Rate, double CpuPerEvent, double MetricRecordsPerEvent, BenchLatency Latency, long Lost);

    /// <summary>
    /// Feeds <paramref name="into"/> from the service's end-to-end histogram (Kafka timestamp of the input record to the
    /// acknowledgement of its metrics) until disposed; the stage records it only while someone listens.
    /// </summary>
    private static MeterListener Listen(StageLatencies latencies, EndToEndLatency into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument, latencies.EndToEnd))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => into.Add(TimeSpan.FromSeconds(seconds)));
        listener.Start();
        return listener;
    }

    /// <summary><paramref name="count"/> events evenly spaced at <paramref name="ratePerSecond"/>, starting a little ahead of now.</summary>
    private IEnumerable<StreamEvent> Paced(long count, double ratePerSecond)
    {
        var start = DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        for (long i = 0; i < count; i++)
        {
            var type = BenchEvents.TypeName((int)(i % types));
            yield return new StreamEvent(type, $"k{i}", start + TimeSpan.FromSeconds(i / ratePerSecond), null);
        }
    }

    /// <summary>Polls <paramref name="done"/> until it reaches <paramref name="target"/>; fails when it stops moving for <see cref="StallTimeout"/>.</summary>
    private async Task<Stopwatch> WaitForAsync(Func<long> done, long target, string phase, Action<long>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var sinceMove = Stopwatch.StartNew();
        var sinceReport = Stopwatch.StartNew();
        var last = done();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (last < target)
        {
            await poll.WaitForNextTickAsync(cancellation);
            var now = done();
            if (now != last)
                sinceMove.Restart();
            else if (sinceMove.Elapsed > StallTimeout)
                throw new TimeoutException($"{phase}: stalled at {now:N0} of {target:N0} for {StallTimeout.TotalSeconds:0}s");
            last = now;
            if (progress is not null && sinceReport.Elapsed > ProgressInterval)
            {
                progress(now);
                sinceReport.Restart();
            }
        }
        return clock;
    }

    private Action<long> Progress(string phase) => done => status.WriteLine($"{phase}: {done:N0} / {events:N0}");

    private static double Rate(long count, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? Math.Round(count / elapsed.TotalSeconds) : 0;
}
