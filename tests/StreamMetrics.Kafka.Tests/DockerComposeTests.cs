using System.CommandLine;
using System.Net;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Hosting.Http;
using StreamMetrics.Kafka.Topics;
using YamlDotNet.RepresentationModel;

namespace StreamMetrics.Kafka.Tests;

/// <summary>docker compose cannot run here, so the compose file's structure is checked instead.</summary>
public sealed class DockerComposeTests
{
    private const string ServiceImage = "docker/Dockerfile";

    private static YamlMappingNode Services() => (YamlMappingNode)Load("docker-compose.yml")["services"];

    private static YamlMappingNode Load(params string[] path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepositoryFiles.Path(path));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static List<string> Sequence(YamlNode node, string key) =>
        ((YamlSequenceNode)((YamlMappingNode)node)[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    /// <summary>The services built from our Dockerfile, with the command line each runs.</summary>
    private static List<(string Name, List<string> Command)> OurServices() =>
        Services().Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("build") && Scalar(Map(s.Value, "build"), "dockerfile") == ServiceImage)
            .Select(s => (((YamlScalarNode)s.Key).Value!, Sequence(s.Value, "command")))
            .ToList();

    /// <summary>The example command lines in the file's header, as a user would type them on the host.</summary>
    private static List<string[]> HeaderExamples() =>
        File.ReadAllLines(RepositoryFiles.Path("docker-compose.yml"))
            .Where(line => line.StartsWith('#') && line.Contains(" -- ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(" -- ", StringComparison.Ordinal) + 4)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    /// <summary>The command line as the image's program, <c>streammetrics-service</c>, parses it.</summary>
    private static ParseResult ParseAsTheService(IReadOnlyList<string> args)
    {
        var root = new RootCommand(ServiceCommands.Description);
        foreach (var command in ServiceCommands.Create())
            root.Subcommands.Add(command);
        return root.Parse(args);
    }

    private static string Option(ParseResult parse, string name) =>
        parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Single(o => o.Option.Name == name || o.Option.Aliases.Contains(name)).Tokens.Single().Value;

    [Fact]
    public void Kafka_is_a_single_KRaft_node_that_containers_reach_at_kafka_9092()
    {
        var kafka = Services()["kafka"];
        Assert.StartsWith("apache/kafka:", Scalar(kafka, "image"));
        var environment = Map(kafka, "environment");
        string Env(string name) => Scalar(environment, name);

        Assert.Equal("broker,controller", Env("KAFKA_PROCESS_ROLES"));
        Assert.DoesNotContain(environment.Children.Keys, k => ((YamlScalarNode)k).Value!.Contains("ZOOKEEPER"));
        Assert.Equal($"{Env("KAFKA_NODE_ID")}@kafka:9093", Env("KAFKA_CONTROLLER_QUORUM_VOTERS"));
        Assert.Contains("PLAINTEXT://kafka:9092", Env("KAFKA_ADVERTISED_LISTENERS"));
        Assert.Contains("CONTROLLER://:9093", Env("KAFKA_LISTENERS"));
        var protocols = Env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").Split(',').Select(p => p.Split(':')[0]).ToHashSet();
        foreach (var listener in Env("KAFKA_LISTENERS").Split(','))
            Assert.Contains(listener.Split(':')[0], protocols);
        Assert.Equal("1", Env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
        Assert.NotNull(Map(kafka, "healthcheck")["test"]);
    }

    [Fact]
    public void The_service_is_built_from_docker_Dockerfile_and_runs_against_kafka_once_it_is_healthy_serving_its_endpoint()
    {
        var service = Services()["streammetrics"];
        var build = Map(service, "build");
        Assert.Equal(".", Scalar(build, "context"));
        var dockerfile = Scalar(build, "dockerfile");
        Assert.True(File.Exists(RepositoryFiles.Path(dockerfile)), $"{dockerfile} is missing");

        Assert.Equal(["run", "-b", "kafka:9092", "--http", $"0.0.0.0:{OperatorHttpOptions.DefaultPort}"], Sequence(service, "command"));
        Assert.Equal("service_healthy", Scalar(Map(Map(service, "depends_on"), "kafka"), "condition"));
    }

    [Fact]
    public void Every_command_line_in_the_compose_file_is_accepted_by_the_service_s_parser()
    {
        var services = OurServices();
        Assert.NotEmpty(services);
        foreach (var (name, command) in services)
        {
            var parse = ParseAsTheService(command);
            Assert.True(parse.Errors.Count == 0, $"{name}: {string.Join(" ", command)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }

        var examples = HeaderExamples();
        Assert.NotEmpty(examples);
        Assert.All(examples, args => Assert.Empty(ParseAsTheService(args).Errors));
    }

    [Fact]
    public void Ports_and_topics_agree_with_the_defaults()
    {
        var kafkaPort = Sequence(Services()["kafka"], "ports").Single().Split(':')[0];
        var topics = StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null))).Select(t => t.Name).ToHashSet();
        foreach (var (name, command) in OurServices())
        {
            var parse = ParseAsTheService(command);
            Assert.Equal("kafka:9092", Option(parse, "--bootstrap-servers"));
            Assert.True(OperatorHttpOptions.TryParseEndpoint(Option(parse, "--http"), out var endpoint, out var error), error);
            Assert.Equal(IPAddress.Any, endpoint.Address); // other containers and the host must reach it
            Assert.Contains($"{endpoint.Port}:{endpoint.Port}", Sequence(Services()[name], "ports"));
            // No --input-topic: the service reads `events`, the topic `produce` writes by default.
            Assert.DoesNotContain("--input-topic", command);
        }

        var examples = HeaderExamples().Select(ParseAsTheService).ToList();
        Assert.All(examples, parse => Assert.Equal($"localhost:{kafkaPort}", Option(parse, "--bootstrap-servers")));
        Assert.All(examples.Where(p => p.CommandResult.Command.Name == "watch"), parse => Assert.Contains(Option(parse, "--topic"), topics));
    }

    [Fact]
    public void The_optional_Prometheus_scrapes_the_service_s_metrics_endpoint()
    {
        var prometheus = Services()["prometheus"];
        Assert.Equal(["monitoring"], Sequence(prometheus, "profiles"));
        var mount = Sequence(prometheus, "volumes").Single().Split(':');
        Assert.Equal("./docker/prometheus.yml", mount[0]);
        Assert.Contains($"--config.file={mount[1]}", Sequence(prometheus, "command"));

        var job = (YamlMappingNode)((YamlSequenceNode)Load("docker", "prometheus.yml")["scrape_configs"]).Children.Single();
        Assert.Equal(OperatorHttpOptions.MetricsPath, Scalar(job, "metrics_path"));
        var target = Sequence(((YamlSequenceNode)job["static_configs"]).Children.Single(), "targets").Single();
        var (service, command) = OurServices().Single();
        Assert.True(OperatorHttpOptions.TryParseEndpoint(Option(ParseAsTheService(command), "--http"), out var endpoint, out _));
        Assert.Equal($"{service}:{endpoint.Port}", target);
    }

    [Fact]
    public void The_Dockerfile_publishes_the_service_alone_runs_it_unprivileged_on_ASP_NET_and_copies_only_what_exists()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("docker", "Dockerfile"));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0"));
        var runtime = lines.Last(l => l.StartsWith("FROM "));
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", runtime);
        Assert.Contains(lines, l => l.Contains("dotnet publish src/StreamMetrics.Service/StreamMetrics.Service.csproj"));
        Assert.Contains(lines, l => l.StartsWith("ENTRYPOINT") && l.Contains("streammetrics-service.dll"));
        var stage = lines.SkipWhile(l => l != runtime).ToList();
        var user = Assert.Single(stage, l => l.StartsWith("USER ")).Split(' ')[1];
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains($"EXPOSE {OperatorHttpOptions.DefaultPort}", stage);
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ") && !l.Contains("--from")))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, s => Assert.True(File.Exists(RepositoryFiles.Path(s)) || Directory.Exists(RepositoryFiles.Path(s)), $"COPY source {s} is missing"));
        }
    }
}
