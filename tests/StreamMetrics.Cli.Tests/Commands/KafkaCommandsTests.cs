using System.Text.Json.Nodes;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Cli.Tests.Commands;

public sealed class KafkaCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streammetrics-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Broker_produce_and_watch_work_together_through_the_bootstrap_file()
    {
        var bootstrapFile = Path.Combine(_directory, "bootstrap");
        using var stopBroker = new CancellationTokenSource();
        var broker = CommandRun.InvokeAsync(BrokerCommand.Create(), ["broker", "--brokers", "2", "--bootstrap-file", bootstrapFile], stopBroker.Token);
        await WaitForFileAsync(bootstrapFile, broker);
        var servers = await File.ReadAllTextAsync(bootstrapFile);
        Assert.Matches(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$", servers);

        var events = Path.Combine(_directory, "events.jsonl");
        await File.WriteAllLinesAsync(events,
        [
            """{"type":"checkout","key":"o-1","ts":"2026-11-28T10:00:00Z","payload":{"amount":12.5}}""",
            """{"type":"login"}""",
            """{"type":"checkout","ts":"noon"}""",
            "",
            """{"key":"no type"}""",
            """{"type":"search","key":"q","payload":"text"}""",
        ]);
        var produce = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", servers, events]);
        Assert.Equal(ProduceCommand.ExitMalformed, produce.ExitCode);
        Assert.Contains("published 3 events to events", produce.Output);
        Assert.Contains("2 malformed lines skipped", produce.Output);
        Assert.Contains("line 3: InvalidTimestamp: ts = 'noon'", produce.Error);
        Assert.Contains("line 5: InvalidEvent: type is missing", produce.Error);

        var watch = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", servers, "--topic", "events", "--from-beginning", "--count", "3"]);
        Assert.Equal(0, watch.ExitCode);
        var records = watch.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal("Event", (string?)r["schema"]));
        Assert.Equal(["checkout", "login", "search"], records.Select(r => (string)r["type"]!).Order());
        var checkout = records.Single(r => (string?)r["type"] == "checkout");
        Assert.Equal("2026-11-28T10:00:00.000Z", (string?)checkout["ts"]);
        Assert.Equal("""{"amount":12.5}""", (string?)checkout["payload"]);

        var table = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", servers, "-t", "events", "--from-beginning", "-n", "3", "-f", "table"]);
        Assert.Contains("== Event", table.Output);
        Assert.Contains("checkout", table.Output);

        await stopBroker.CancelAsync();
        var stopped = await broker;
        Assert.Equal(0, stopped.ExitCode);
        Assert.StartsWith($"bootstrap.servers={servers}\n", stopped.Output.ReplaceLineEndings("\n"));
        Assert.Contains("metrics.debug (16)", stopped.Output);
        Assert.False(File.Exists(bootstrapFile), "the bootstrap file is removed when the broker stops");
    }

    [Fact]
    public async Task Watch_names_a_missing_topic_and_lists_the_existing_ones()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("present", 1);
        var run = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", cluster.BootstrapServers, "--topic", "absent", "-n", "1"]);
        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("--topic 'absent' does not exist", run.Error);
        Assert.Contains("topics there: present", run.Error);

        // The live view (no --topic) needs the operators' topics.
        var live = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", cluster.BootstrapServers, "-f", "table", "-n", "1"]);
        Assert.Equal(UserErrors.ExitCode, live.ExitCode);
        Assert.Contains("no forecasts, scaling or metrics.* topic", live.Error);
        Assert.Contains("topics there: present", live.Error);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:9092,:9093")]
    public async Task Produce_rejects_a_malformed_bootstrap_list_with_the_value_and_the_fix(string servers)
    {
        var run = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", servers, "-"]);
        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains($"--bootstrap-servers '{servers}'", run.Error);
        Assert.Contains("streammetrics broker", run.Error);
    }

    [Fact]
    public async Task Produce_names_a_missing_file()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        var run = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", cluster.BootstrapServers, Path.Combine(_directory, "nope.jsonl")]);
        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.Contains("nope.jsonl' does not exist", run.Error);
    }

    [Theory]
    [InlineData("watch", "-b x:1 --topic t --count 0", "--count = 0, must be at least 1")]
    [InlineData("watch", "-b x:1 --topic t --format yaml", "yaml")]
    [InlineData("broker", "--brokers 40", "--brokers = 40, must be between 1 and 32")]
    public async Task Bad_option_values_are_named(string name, string args, string message)
    {
        var command = name == "watch" ? WatchCommand.Create() : BrokerCommand.Create();
        var run = await CommandRun.InvokeAsync(command, [name, .. args.Split(' ')]);
        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", run.Error);
    }

    [Fact]
    public async Task Help_explains_the_bootstrap_file_and_the_exit_codes()
    {
        var broker = await CommandRun.InvokeAsync(BrokerCommand.Create(), ["broker", "--help"]);
        Assert.Contains("--bootstrap-file", broker.Output);
        Assert.Contains("5 MiB per partition", broker.Output);
        var produce = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "--help"]);
        Assert.Contains("Exit code: 0 when every line was published; 2 when some lines were malformed", produce.Output);
    }

    private static async Task WaitForFileAsync(string path, Task<CommandRun> broker)
    {
        await Eventually.True(() => File.Exists(path) || broker.IsCompleted, $"the broker writes {path}", TimeSpan.FromSeconds(30));
        if (broker.IsCompleted)
            Assert.Fail($"broker ended early: {(await broker).Error}");
    }
}
