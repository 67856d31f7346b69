using System.Text.RegularExpressions;

namespace StreamMetrics.Kafka.Tests.Clients;

/// <summary>
/// Every Kafka client is created in StreamMetrics.Kafka, from <c>KafkaClients</c>, so a pass-through property (a secured
/// cluster's SASL and TLS settings) reaches each one. The other projects' sources are read as text: a client config or
/// builder there would be a client that property never reaches.
/// </summary>
public sealed partial class ClientCreationTests
{
    private static readonly string[] OtherProjects =
        ["StreamMetrics.Core", "StreamMetrics.Pipeline", "StreamMetrics.Hosting", "StreamMetrics.Replay", "StreamMetrics.Cli", "StreamMetrics.Service"];

    [Fact]
    public void No_project_but_the_Kafka_adapter_builds_a_Kafka_client_or_its_config()
    {
        var offenders = OtherProjects
            .SelectMany(project => Sources(project))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(hit => ClientConstruction().IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(RepositoryFiles.Root, hit.file)}:{hit.number}: {hit.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Kafka clients built outside StreamMetrics.Kafka:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_the_clients_the_Kafka_adapter_builds()
    {
        var found = Sources("StreamMetrics.Kafka").Count(file => File.ReadLines(file).Any(line => ClientConstruction().IsMatch(line)));

        // KafkaClients, EventConsumer, RecordPublisher, CompactedTopicReader at least.
        Assert.True(found >= 4, $"the pattern matched only {found} files of StreamMetrics.Kafka");
    }

    private static IEnumerable<string> Sources(string project)
    {
        var root = RepositoryFiles.Path("src", project);
        Assert.True(Directory.Exists(root), $"{root} is missing: the list of projects is out of date");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>
    /// A Confluent config made with <c>new</c> (target-typed too), or any Confluent client builder (dependent builders
    /// included).
    /// </summary>
    [GeneratedRegex(@"new\s+(Consumer|Producer|AdminClient)Config\b|(Consumer|Producer|AdminClient)Config\s+\w+\s*=\s*new\s*\(|\w*(Consumer|Producer)Builder\s*<|\w*AdminClientBuilder\s*\(")]
    private static partial Regex ClientConstruction();
}
