using System.Text.RegularExpressions;
using Xunit.Abstractions;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// The service as it is deployed (<c>streammetrics-service run</c> in a process of its own) stopped by a signal in the
/// middle of a stream: it drains, commits every event it processed, and exits 0.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class GracefulStopTests(ITestOutputHelper output)
{
    private const int Events = 20_000;
    private const int Types = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [SkippableTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_mid_stream_drains_commits_everything_processed_and_exits_0(string name)
    {
        InheritedSignals.SkipIfIgnored(name);
        // One profile for every type, a cheap function and a fixed pool: the drain is the subject, and with the default
        // functions, profile switches and pool a loaded machine ran a few events a second, too few to drain in minutes.
        using var cluster = await ServiceCluster.StartAsync("graceful", Enumerable.Range(0, Types).Select(i => $"type-{i}"),
            new Dictionary<string, object> { ["*"] = new { function = "synthetic", durationMs = 1 } },
            new { maxParallelism = 4, initialParallelism = 4 });
        var group = $"graceful-{name}-{Guid.NewGuid():N}";
        using var service = ServiceProcess.Start("run", "-b", cluster.BootstrapServers, "--group", group, "--config", cluster.ConfigFile, "--shutdown-timeout", "2m");
        await service.WaitForErrorLineAsync("running: consuming", Timeout);

        await PublishAsync(cluster.BootstrapServers);
        using var offsets = new GroupOffsets(cluster.BootstrapServers, group, StandardTopics.Events);
        // Mid-stream: the service has committed some events and is still working through the rest.
        await Eventually.True(() => offsets.CommittedRecords() > 0, () => $"nothing committed yet:\n{service.Error}", Timeout);
        await service.SignalAsync(name);
        var drain = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = await service.WaitForExitAsync(Timeout);

        var log = service.Error;
        Assert.True(exitCode == 0, $"exit code {exitCode} after {name}:\n{log}");
        // The drain ends because the in-flight events finished, not because the shutdown timeout gave up on them.
        Assert.DoesNotContain("outlasted the shutdown timeout", log);
        var processed = long.Parse(Stopped().Match(log) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no stopped line:\n{log}"));
        var committed = offsets.CommittedRecords();
        output.WriteLine($"SIG{name}: {Events} published, {processed} processed, {committed} committed; the drain took {drain.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(processed, 1, Events);
        Assert.True(processed == committed, $"{processed} processed, {committed} committed:\n{log}");
    }

    private static async Task PublishAsync(string bootstrapServers)
    {
        using var publisher = new RecordPublisher(new KafkaClients(new KafkaClientSettings { BootstrapServers = bootstrapServers }));
        var origin = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, Events).Select(i =>
        {
            var evt = new StreamEvent($"type-{i % Types}", $"k{i}", origin, null);
            return publisher.PublishAsync(StandardTopics.Events, evt.Type, AvroCodecs.Event.Encode(evt), CancellationToken.None);
        }));
    }

    [GeneratedRegex(@"stopped: (\d+) events processed")]
    private static partial Regex Stopped();
}
