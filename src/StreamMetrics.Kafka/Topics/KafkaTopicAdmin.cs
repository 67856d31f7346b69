using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Topics;

/// <summary>
/// Creates topics on a real Kafka cluster with the AdminClient: <c>retention.ms</c> from <see cref="TopicSpec.Retention"/>,
/// <c>cleanup.policy=compact</c> for compacted topics, the broker's default replication factor. An existing topic is not
/// an error and keeps its other settings, but one whose <c>retention.ms</c> differs from its spec's (a profile whose
/// retention changed since its <c>metrics.&lt;profile&gt;</c> topic was created) is brought to the spec, with a log line.
/// </summary>
public sealed partial class KafkaTopicAdmin(KafkaClients clients, ILogger? logger = null) : ITopicAdmin
{
    private const string RetentionKey = "retention.ms";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The default <see cref="Timeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the cluster to list, create the topics or change their retention, each. Default <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public async Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken ct)
    {
        if (topics.Count == 0)
            return;
        using var admin = clients.CreateAdminClient("streammetrics-topics");
        // Only missing topics are created, so a cluster without the CreateTopics API (an embedded cluster started by
        // `streammetrics broker`, which creates the standard topics itself) works as long as the topics exist.
        var existing = admin.GetMetadata(Timeout).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError)
            .Select(t => t.Topic)
            .ToHashSet(StringComparer.Ordinal);
        var missing = topics.Where(t => !existing.Contains(t.Name)).ToList();
        if (missing.Count > 0)
            await CreateAsync(admin, missing, ct).ConfigureAwait(false);
        var retained = topics.Where(t => existing.Contains(t.Name) && t.Retention is not null).ToList();
        if (retained.Count > 0)
            await AlignRetentionAsync(admin, retained, ct).ConfigureAwait(false);
    }

    private async Task CreateAsync(IAdminClient admin, List<TopicSpec> missing, CancellationToken ct)
    {
        var names = string.Join(", ", missing.Select(t => t.Name));
        // Said before the wait, which lasts the whole timeout on a cluster that cannot create topics.
        LogCreating(names, clients.BootstrapServers, DurationText.Format(Timeout));
        try
        {
            // librdkafka may spend the request timeout finding a controller before the operation timeout starts: the
            // outer bound keeps the whole wait within the one the user was told.
            await admin.CreateTopicsAsync(missing.Select(ToSpecification), new CreateTopicsOptions { OperationTimeout = Timeout, RequestTimeout = Timeout })
                .WaitAsync(Timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TopicCreationException(
                $"the cluster at {clients.BootstrapServers} did not create the missing topics {names} within {DurationText.Format(Timeout)} " +
                "(a `streammetrics broker` cluster cannot create topics); create them on the cluster first, or use topics it has", e);
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            if (failed.Count > 0)
            {
                throw new TopicCreationException(
                    "could not create topics: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}")), e);
            }
        }
        catch (KafkaException e)
        {
            throw new TopicCreationException(
                $"the cluster at {clients.BootstrapServers} did not create the missing topics {names} " +
                $"({e.Error.Reason}; a `streammetrics broker` cluster cannot create topics); create them on the cluster first, " +
                "or use topics it has", e);
        }
    }

    /// <summary>
    /// Reads the existing topics' <c>retention.ms</c> and sets the ones that differ from their spec. A cluster that cannot
    /// describe configs (the embedded one) is left as it is: it enforces no retention anyway. A refused change is logged
    /// and the start goes on, since the topic works with any retention.
    /// </summary>
    private async Task AlignRetentionAsync(IAdminClient admin, List<TopicSpec> topics, CancellationToken ct)
    {
        List<DescribeConfigsResult> described;
        try
        {
            described = await admin.DescribeConfigsAsync(
                    topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t.Name }),
                    new DescribeConfigsOptions { RequestTimeout = Timeout })
                .WaitAsync(ct).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            LogRetentionNotChecked(clients.BootstrapServers, e.Error.Reason);
            return;
        }
        var current = described.ToDictionary(d => d.ConfigResource.Name, d => d.Entries.GetValueOrDefault(RetentionKey)?.Value, StringComparer.Ordinal);
        var changes = topics
            .Select(t => (Topic: t.Name, Was: current.GetValueOrDefault(t.Name), Wanted: RetentionMs(t.Retention!.Value)))
            .Where(c => c.Was != c.Wanted)
            .ToList();
        if (changes.Count == 0)
            return;
        try
        {
            await admin.IncrementalAlterConfigsAsync(
                    changes.ToDictionary(
                        c => new ConfigResource { Type = ResourceType.Topic, Name = c.Topic },
                        c => new List<ConfigEntry> { new() { Name = RetentionKey, Value = c.Wanted, IncrementalOperation = AlterConfigOpType.Set } }),
                    new IncrementalAlterConfigsOptions { RequestTimeout = Timeout })
                .WaitAsync(ct).ConfigureAwait(false);
            foreach (var (topic, was, wanted) in changes)
                LogRetentionAligned(topic, was ?? "unset", wanted);
        }
        catch (IncrementalAlterConfigsException e)
        {
            var refused = e.Results.Where(r => r.Error.Code != ErrorCode.NoError).Select(r => r.ConfigResource.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (topic, was, wanted) in changes)
            {
                if (refused.Contains(topic))
                    LogRetentionRefused(topic, was ?? "unset", wanted, e.Results.First(r => r.ConfigResource.Name == topic).Error.Reason);
                else
                    LogRetentionAligned(topic, was ?? "unset", wanted);
            }
        }
        catch (KafkaException e)
        {
            foreach (var (topic, was, wanted) in changes)
                LogRetentionRefused(topic, was ?? "unset", wanted, e.Error.Reason);
        }
    }

    private static string RetentionMs(TimeSpan retention) => ((long)retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    internal static TopicSpecification ToSpecification(TopicSpec topic)
    {
        var configs = new Dictionary<string, string>();
        if (topic.Retention is { } retention)
            configs[RetentionKey] = RetentionMs(retention);
        if (topic.Compacted)
            configs["cleanup.policy"] = "compact";
        return new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = -1, // the broker's default.replication.factor
            Configs = configs,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "creating topics {Topics} on {Servers}: waiting up to {Timeout} for the cluster")]
    private partial void LogCreating(string topics, string servers, string timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "topic {Topic}: retention.ms = {Was}, set to {Wanted} as its spec (the profile's retention) asks")]
    private partial void LogRetentionAligned(string topic, string was, string wanted);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "topic {Topic}: retention.ms {Was}, not {Wanted}: change refused ({Reason}); grant AlterConfigs or set it yourself")]
    private partial void LogRetentionRefused(string topic, string was, string wanted, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "the cluster at {Servers} cannot describe topic configs ({Reason}); the retention of existing topics was not checked")]
    private partial void LogRetentionNotChecked(string servers, string reason);
}
