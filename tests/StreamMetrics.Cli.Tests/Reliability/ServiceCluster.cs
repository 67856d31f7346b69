using System.Text.Json;
using System.Text.Json.Serialization;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// An embedded cluster with the topics <c>streammetrics broker</c> creates, plus <c>metrics.&lt;profile&gt;</c> for a
/// user-defined profile, and the config file a <c>run</c> against it reads; both go when it is disposed.
/// </summary>
internal sealed class ServiceCluster : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly EmbeddedKafkaCluster _cluster;

    private ServiceCluster(EmbeddedKafkaCluster cluster, string configFile)
    {
        _cluster = cluster;
        ConfigFile = configFile;
    }

    public string BootstrapServers => _cluster.BootstrapServers;

    /// <summary>The path of the config file for <c>run --config</c>.</summary>
    public string ConfigFile { get; }

    /// <summary>
    /// A cluster whose profile <paramref name="profile"/> records <c>latency_ms</c> for every event, with each of
    /// <paramref name="types"/> pinned to it: each processing of an event leaves exactly one metric record, which names
    /// the event by its source identity. <paramref name="functions"/> and <paramref name="pool"/> are the config's sections.
    /// </summary>
    public static async Task<ServiceCluster> StartAsync(string profile, IEnumerable<string> types, object functions, object? pool = null)
    {
        var cluster = EmbeddedKafkaCluster.Start();
        var profiles = StandardTopics.BuiltInProfiles.Append(profile).Select(p => (p, (TimeSpan?)null));
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(StandardTopics.All(profiles), CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"{profile}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            profiles = new Dictionary<string, object> { [profile] = new { retention = "1d", metrics = new Dictionary<string, string> { ["latency_ms"] = "every" } } },
            selection = new { types = types.ToDictionary(t => t, _ => new { pin = profile }) },
            functions,
            pool,
        }, Json));
        return new ServiceCluster(cluster, file);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        File.Delete(ConfigFile);
    }
}
