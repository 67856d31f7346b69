namespace StreamMetrics.Kafka.Messaging;

/// <summary>Settings of an <see cref="EventConsumer"/>; the cluster and how to reach it come from its <c>KafkaClients</c>.</summary>
public sealed class EventConsumerOptions
{
    /// <summary>Consumer group id. Default <c>streammetrics</c>.</summary>
    public string GroupId { get; init; } = "streammetrics";

    /// <summary>Topics to subscribe to. Default <c>events</c>.</summary>
    public IReadOnlyList<string> Topics { get; init; } = ["events"];

    /// <summary>Records held for the pipeline in the channel (and as many again on the poll thread); past that, fetching waits. Range 1 to 1,000,000; default 10,000.</summary>
    public int ChannelCapacity { get; init; } = 10_000;

    /// <summary>How often stored offsets are committed. Range 100 ms to 1 min; default 1 s.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Group session timeout: how long a vanished member keeps its partitions. Range 6 s to 5 min; default 10 s.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where a partition without a committed offset starts: true = its beginning, false = its end. Default true.
    /// </summary>
    public bool StartFromBeginning { get; init; } = true;

    /// <summary>
    /// When a partition without a committed offset starts from the beginning but its first record is past offset 0, count
    /// the missing head as lost. Right on the embedded cluster (only truncation removes records) and for topics without
    /// retention; on a real cluster with time retention a new group would count expired records. Default true.
    /// </summary>
    public bool CountMissingHeadAsLost { get; init; } = true;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(GroupId))
            throw new ArgumentException("group = '', must not be empty", nameof(GroupId));
        if (Topics.Count == 0 || Topics.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"topics = [{string.Join(", ", Topics)}], must name at least one topic and no empty one", nameof(Topics));
        if (ChannelCapacity is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(ChannelCapacity), ChannelCapacity, $"channel-capacity = {ChannelCapacity}, must be between 1 and 1000000");
        if (CommitInterval < TimeSpan.FromMilliseconds(100) || CommitInterval > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(CommitInterval), CommitInterval, $"commit-interval = {CommitInterval}, must be between 100ms and 1m");
        if (SessionTimeout < TimeSpan.FromSeconds(6) || SessionTimeout > TimeSpan.FromMinutes(5))
            throw new ArgumentOutOfRangeException(nameof(SessionTimeout), SessionTimeout, $"session-timeout = {SessionTimeout}, must be between 6s and 5m");
    }
}
