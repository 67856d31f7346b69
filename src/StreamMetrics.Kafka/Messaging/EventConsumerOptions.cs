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

    /// <summary>
    /// Group session timeout: how long a member that vanished without leaving (a crash, a lost network) keeps its
    /// partitions before the group moves them. The embedded cluster also waits about this long, less a second, for every
    /// member to rejoin after one joins or leaves. A <c>session.timeout.ms</c> client property wins. Range 6 s to 5 min;
    /// default 10 s.
    /// </summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a member tells the group it is alive, and so how soon it learns that the group rebalances: a member
    /// rejoins only after its next heartbeat. A <c>heartbeat.interval.ms</c> client property wins. Range 100 ms to a third
    /// of <see cref="SessionTimeout"/>; default 1 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a revocation waits for the records of its partitions already handed to the pipeline to finish, so their
    /// offsets are committed before the partitions move; records not finished by then are read again by the new owner.
    /// The whole group waits for it; the embedded cluster stops waiting for a member after about the session timeout,
    /// so it stays well below that. Range 0 to 1 min; default 3 s.
    /// </summary>
    public TimeSpan RevokeDrainTimeout { get; init; } = TimeSpan.FromSeconds(3);

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
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > SessionTimeout / 3)
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, $"heartbeat-interval = {HeartbeatInterval}, must be between 100ms and a third of session-timeout ({SessionTimeout / 3})");
        if (RevokeDrainTimeout < TimeSpan.Zero || RevokeDrainTimeout > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(RevokeDrainTimeout), RevokeDrainTimeout, $"revoke-drain-timeout = {RevokeDrainTimeout}, must be between 0s and 1m");
    }
}
