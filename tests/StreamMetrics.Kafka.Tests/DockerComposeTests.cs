using YamlDotNet.RepresentationModel;

namespace StreamMetrics.Kafka.Tests;

/// <summary>docker compose cannot run here, so the compose file's structure is checked instead.</summary>
public sealed class DockerComposeTests
{
    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepositoryFiles.Path("docker-compose.yml"));
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return (YamlMappingNode)root["services"];
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

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
    public void The_service_is_built_from_docker_Dockerfile_and_runs_against_kafka_once_it_is_healthy()
    {
        var service = Services()["streammetrics"];
        var build = Map(service, "build");
        Assert.Equal(".", Scalar(build, "context"));
        var dockerfile = Scalar(build, "dockerfile");
        Assert.True(File.Exists(RepositoryFiles.Path(dockerfile)), $"{dockerfile} is missing");

        var command = ((YamlSequenceNode)((YamlMappingNode)service)["command"]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Equal(["run", "-b", "kafka:9092"], command);
        Assert.Equal("service_healthy", Scalar(Map(Map(service, "depends_on"), "kafka"), "condition"));
    }

    [Fact]
    public void The_Dockerfile_publishes_the_service_alone_and_copies_only_what_exists()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("docker", "Dockerfile"));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0"));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0"));
        Assert.Contains(lines, l => l.Contains("dotnet publish src/StreamMetrics.Service/StreamMetrics.Service.csproj"));
        Assert.Contains(lines, l => l.StartsWith("ENTRYPOINT") && l.Contains("streammetrics-service.dll"));
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ") && !l.Contains("--from")))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
            Assert.All(sources, s => Assert.True(File.Exists(RepositoryFiles.Path(s)) || Directory.Exists(RepositoryFiles.Path(s)), $"COPY source {s} is missing"));
        }
    }
}
