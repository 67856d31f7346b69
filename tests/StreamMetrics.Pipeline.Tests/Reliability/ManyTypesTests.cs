using System.Diagnostics;
using System.Threading.Channels;
using Akka.Streams;
using Confluent.Kafka;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Pipeline.Bench;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Hosting;
using StreamMetrics.Pipeline.Tests.EndToEnd;
using Xunit.Abstractions;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// A burst of 100,000 distinct random type names through the real graph and stages (decode, forecast, configure, worker
/// pool, metrics, offsets), in memory as the benchmark runs them: every event is processed and its offset released,
/// no per-type table ever holds more types than the bound, and normal types run as before afterwards.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ManyTypesTests(ITestOutputHelper output)
{
    private const int RandomTypes = 100_000;
    private const int MaxTypes = 1_000;
    private const int NormalEventsPerType = 500;
    private const int Partitions = 32;
    private static readonly string[] NormalTypes = ["checkout", "search"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string Config = """
        {
          "functions": { "*": { "function": "noop" } },
          "pool": { "coldStart": "0ms", "maxParallelism": 64, "initialParallelism": 64 }
        }
        """;

    [Fact]
    public async Task A_burst_of_100000_random_type_names_is_processed_within_the_type_bound_and_normal_types_run_on()
    {
        var options = new ServiceOptions
        {
            BootstrapServers = "in-memory",
            Config = StreamMetricsConfig.Parse(Config, "test configuration"),
            Types = new TypeTableOptions { MaxTypes = MaxTypes },
        };
        var components = ServiceComponents.Create(options, TimeProvider.System);
        var offsets = new CountingOffsetStore();
        using var stopping = new CancellationTokenSource();
        var stages = PipelineStages.Create(components, new MemoryRecordPublisher(), offsets, TimeProvider.System, dispatchAtEventTime: false, stopping.Token);
        var input = BenchSource.CreateChannel();
        var (_, completion) = PipelineGraph.Run(input.Reader, stages, TestActorSystem.Shared.Materializer());

        var random = new Random(100_000);
        var burst = Enumerable.Range(0, RandomTypes).Select(_ => Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())));
        var normal = Enumerable.Range(0, NormalEventsPerType * NormalTypes.Length).Select(i => NormalTypes[i % NormalTypes.Length]);
        var sent = await FeedAsync(input.Writer, burst.Concat(normal));
        await completion.WaitAsync(Timeout);

        var counters = components.Counters;
        var lost = sent - offsets.Stored;
        using var process = Process.GetCurrentProcess();
        output.WriteLine($"in {sent:N0}, received {counters.EventsReceived:N0}, processed {counters.EventsProcessed:N0}, dead-lettered {counters.DeadLettered}, lost {lost}; " +
                         $"peak types: forecaster {components.Forecaster.PeakTypeCount}, configurator {components.Selector.PeakTypeCount}, " +
                         $"pool {components.Pool.PeakTypeCount}, counters {counters.PeakTypeCount}; peak working set {process.PeakWorkingSet64 / (1 << 20)} MiB");
        Assert.Equal(RandomTypes + NormalEventsPerType * NormalTypes.Length, sent);
        Assert.Equal((sent, sent, 0L, 0L), (counters.EventsReceived, counters.EventsProcessed, counters.DeadLettered, lost));
        Assert.Equal([MaxTypes, MaxTypes, MaxTypes, MaxTypes],
            new[] { components.Forecaster.PeakTypeCount, components.Selector.PeakTypeCount, components.Pool.PeakTypeCount, counters.PeakTypeCount });
        Assert.True(components.Pool.Statistics().Instances <= MaxTypes, $"{components.Pool.Statistics().Instances} instances alive");

        // The burst's types were forgotten first: the normal types, seen last, are all held, with every event counted.
        foreach (var type in NormalTypes)
        {
            Assert.True(components.Forecaster.Knows(type), $"the forecaster holds {type}");
            Assert.Equal(NormalEventsPerType, counters.ProcessedByType[type]);
            Assert.Equal(NormalEventsPerType, components.Pool.Statistics().Types[type].Invocations);
        }
        Assert.Equal(sent, components.Pool.Statistics().Invocations);
    }

    /// <summary>Writes one Avro event per type name, spread over partitions as a consumer hands them over; returns how many.</summary>
    private static async Task<long> FeedAsync(ChannelWriter<ConsumedMessage> writer, IEnumerable<string> types)
    {
        var now = DateTimeOffset.UtcNow;
        long i = 0;
        foreach (var type in types)
        {
            var value = AvroCodecs.Event.Encode(new StreamEvent(type, "k", now, null));
            var partition = new TopicPartition(BenchSource.Topic, new Partition((int)(i % Partitions)));
            await writer.WriteAsync(new ConsumedMessage(partition, new Offset(i / Partitions), null, value, now));
            i++;
        }
        writer.Complete();
        return i;
    }
}
