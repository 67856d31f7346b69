using System.CommandLine;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Hosting;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Cli.Tests.Commands;

/// <summary>The <c>-X key=value</c> option and the config file's <c>kafka</c> section: librdkafka properties for every client.</summary>
public sealed class KafkaPropertyOptionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streammetrics-kafka-properties-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> KafkaCommands => ["run", "produce", "watch", "replay"];

    [Theory]
    [MemberData(nameof(KafkaCommands))]
    public void Every_command_that_talks_to_Kafka_offers_the_option(string name)
    {
        var option = Command(name).Options.SingleOrDefault(o => o.Name == "--kafka-property");

        Assert.NotNull(option);
        Assert.Contains("-X", option.Aliases);
    }

    [Theory]
    [InlineData("security.protocol", "-X 'security.protocol' is not key=value: write -X key=value, a librdkafka property and its value, e.g. -X security.protocol=SASL_SSL")]
    [InlineData("group.id=mine", "-X group.id=mine: group.id is set by StreamMetrics (the service's consumer group is run --group")]
    [InlineData("sasl.mechansim=PLAIN", "-X sasl.mechansim=PLAIN: librdkafka refuses it (")]
    public async Task A_bad_value_fails_the_parse_naming_the_value_and_the_fix_before_any_client_starts(string value, string message)
    {
        // 127.0.0.1:1 has no broker: a client that started would time out instead of failing at once.
        var run = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", "127.0.0.1:1", "-X", "security.protocol=SASL_SSL", "-X", value, "-"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("cannot reach Kafka", run.Error);
    }

    [Fact]
    public void Repeated_values_collect_every_property_and_the_last_of_a_key_wins()
    {
        var option = CommonOptions.KafkaProperty();
        var root = new RootCommand { option };

        var parse = root.Parse(["-X", "security.protocol=SASL_SSL", "--kafka-property", "sasl.mechanism=PLAIN", "-X", "sasl.mechanism=SCRAM-SHA-256"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(
            new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["sasl.mechanism"] = "SCRAM-SHA-256" },
            parse.GetValue(option));
        Assert.Empty(root.Parse([]).GetValue(option)!);
    }

    [Fact]
    public async Task A_config_file_s_kafka_section_round_trips_to_the_properties_the_clients_get()
    {
        var file = await WriteConfigAsync("""{ "kafka": { "security.protocol": "SASL_SSL", "sasl.password": "hunter2", "socket.timeout.ms": 30000 } }""");

        var config = ConfigFile.Load(new FileInfo(file));

        Assert.Equal(
            new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["sasl.password"] = "hunter2", ["socket.timeout.ms"] = "30000" },
            config.Kafka);
    }

    [Fact]
    public async Task Run_refuses_a_config_file_property_it_owns_naming_the_file_and_the_key_before_starting_a_cluster()
    {
        var file = await WriteConfigAsync("""{ "kafka": { "enable.auto.commit": true } }""");

        var run = await CommandRun.InvokeAsync(Command("run"), ["run", "--config", file]);

        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.Contains($"error: {file}: kafka.enable.auto.commit = 'true': enable.auto.commit is set by StreamMetrics (", run.Error);
        Assert.DoesNotContain("bootstrap.servers=", run.Output);
    }

    [Fact]
    public async Task The_properties_reach_the_command_s_clients()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        var events = Path.Combine(_directory, "events.jsonl");
        await File.WriteAllLinesAsync(events, ["""{"type":"checkout"}"""]);

        var plain = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", cluster.BootstrapServers, "-X", "client.rack=rack-1", events]);
        // The embedded cluster speaks plaintext only, so a client that really got security.protocol=SSL cannot reach it.
        var tls = await CommandRun.InvokeAsync(ProduceCommand.Create(), ["produce", "-b", cluster.BootstrapServers, "-X", "security.protocol=SSL", events]);

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("published 1 events", plain.Output);
        Assert.Equal(1, tls.ExitCode);
        Assert.Contains($"cannot reach Kafka at --bootstrap-servers '{cluster.BootstrapServers}'", tls.Error);
        Assert.Contains("do -X or the config file's kafka section give the security settings it needs?", tls.Error);
    }

    private async Task<string> WriteConfigAsync(string json)
    {
        var file = Path.Combine(_directory, $"streammetrics-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }

    private static Command Command(string name) => name switch
    {
        "replay" => ReplayCommand.Create(),
        _ => ServiceCommands.Create().Single(c => c.Name == name),
    };
}
