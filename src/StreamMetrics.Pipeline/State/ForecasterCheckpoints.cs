using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.State;

/// <summary>
/// Hands each event type's forecaster state to whichever instance owns the type next, through the compacted state topic.
/// <para>
/// Events are keyed by type, so a type's forecaster lives on the instance that owns its input partition. The state topic
/// has the input topic's partition count and a type's snapshot is written (key = type, value =
/// <see cref="LoadForecaster.SaveState"/>) to the partition the default partitioner gives its events
/// (<see cref="KeyPartitioner"/>): owning input partition p means owning state partition p, and a new owner reads
/// only the state partitions it was given.
/// </para>
/// <para>
/// Writes: on revocation (<see cref="OnRevoked"/>) and at clean shutdown (<see cref="WriteOwned"/>), every owned type,
/// waiting for Kafka's acknowledgement, so a clean hand-over loses nothing; and periodically (<see cref="WriteDue"/>,
/// from the scaling tick) as insurance against a crash: each pass over the owned types is spread over
/// <see cref="CheckpointSettings.Interval"/>, a fixed share per tick, so the work per tick stays bounded with 100,000
/// types. A snapshot byte-identical to the last acknowledged one is not sent again.
/// </para>
/// <para>
/// Restores: on assignment (<see cref="OnAssigned"/>), which the consumer raises on its poll thread before any record
/// of the new partitions is delivered. Reading the state partitions to their end offsets there is a bounded synchronous
/// read (<see cref="CheckpointSettings.RestoreTimeout"/>): it delays the partitions' first records, and that is the
/// point, since a record counted before the restore would be overwritten by it.
/// </para>
/// <para>
/// The forecaster keeps a bounded table of types: a type it forgot is not written again, and the next pass deletes its
/// snapshot (a tombstone), so the topic's keys, and what a new owner reads back, stay within the bound, and a later owner
/// starts the type afresh as this instance would.
/// </para>
/// The consumer raises the revocation once the partitions' records handed to the pipeline are finished (within its
/// drain timeout), so the snapshots written then hold every record whose offset the revocation commits. The revoked
/// types are then forgotten here (only their owner forecasts and scales them), and their fingerprints with them: a
/// type handed over is never deleted from the topic, whose snapshot its new owner continues from.
/// Known limits: partitions lost without a clean revocation are written too (the consumer reports both alike), which
/// can put an older state after the new owner's newer one until its next write.
/// </summary>
internal sealed class ForecasterCheckpoints : IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StateLinger = TimeSpan.FromMilliseconds(5);

    private readonly LoadForecaster _forecaster;
    private readonly CheckpointSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IProducer<string, byte[]> _producer;
    private readonly KafkaClients _clients;
    private readonly CompactedTopicReader _reader;
    private readonly Lock _gate = new();
    // Read lock-free by the producer's delivery thread, which must never wait for _gate: Send may flush while holding it.
    private readonly ConcurrentDictionary<int, bool> _owned = new();
    private readonly ConcurrentDictionary<string, int> _acknowledged = new(StringComparer.Ordinal);
    private List<string> _pass = [];
    private int _cursor;
    private int _perTick;
    private DateTimeOffset _passStarted;
    private int _partitions;
    private long _failed;
    private long _acknowledgedCount;
    private long _sent;
    private long _restored;
    private long _deleted;

    public ForecasterCheckpoints(LoadForecaster forecaster, KafkaClients clients, CheckpointSettings settings, TimeProvider time, ILogger logger)
    {
        _forecaster = forecaster;
        _clients = clients;
        _settings = settings;
        _time = time;
        _logger = logger;
        _passStarted = time.GetUtcNow();
        _producer = clients.CreateProducer<string, byte[]>($"streammetrics-{settings.Group}-state", StateLinger, logger);
        _reader = new CompactedTopicReader(clients, $"streammetrics-{settings.Group}-state-reader", logger);
    }

    /// <summary>False when the topics are not co-partitioned (see the error log): then nothing is written or restored.</summary>
    public bool Enabled => _partitions > 0;

    /// <summary>Snapshots handed to the producer since the start.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Snapshots Kafka acknowledged since the start.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledgedCount);

    /// <summary>Types restored from the state topic since the start.</summary>
    public long Restored => Interlocked.Read(ref _restored);

    /// <summary>Snapshots of forgotten types whose deletion Kafka acknowledged since the start.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Checks that the state topic has the input topic's partition count; call once the topics exist.</summary>
    public void Start()
    {
        using var admin = _clients.CreateAdminClient($"streammetrics-{_settings.Group}-state-admin", _logger);
        var input = PartitionCount(admin, _settings.InputTopic);
        var state = PartitionCount(admin, _settings.StateTopic);
        if (input > 0 && input == state)
            _partitions = input;
        else
            CheckpointLog.NotCoPartitioned(_logger, _settings.StateTopic, state, _settings.InputTopic, input);
    }

    /// <summary>Restores the types of newly assigned input partitions; runs on the consumer's poll thread.</summary>
    public void OnAssigned(IReadOnlyList<TopicPartition> assigned)
    {
        var partitions = InputPartitions(assigned);
        if (!Enabled || partitions.Count == 0)
            return;
        var names = PartitionList.Format(_settings.StateTopic, partitions);
        IReadOnlyDictionary<string, byte[]> latest;
        try
        {
            latest = _reader.ReadLatest(partitions.Select(p => new TopicPartition(_settings.StateTopic, p)).ToList(), _settings.RestoreTimeout);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            CheckpointLog.RestoreFailed(_logger, e, names);
            latest = new Dictionary<string, byte[]>();
        }
        var restored = 0;
        lock (_gate)
        {
            foreach (var partition in partitions)
                _owned[partition] = true;
            foreach (var (type, snapshot) in latest)
            {
                try
                {
                    _forecaster.RestoreState(type, snapshot);
                    _acknowledged[type] = Fingerprint(snapshot);
                    restored++;
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException)
                {
                    CheckpointLog.TypeRestoreFailed(_logger, e, type);
                }
            }
            Interlocked.Add(ref _restored, restored);
        }
        CheckpointLog.Restored(_logger, restored, names);
    }

    /// <summary>Writes the types of revoked input partitions and waits for the acknowledgements; runs on the poll thread.</summary>
    public void OnRevoked(IReadOnlyList<TopicPartition> revoked)
    {
        // Only partitions still owned: after a shutdown's WriteOwned the closing consumer revokes them all again.
        var partitions = InputPartitions(revoked).Where(_owned.ContainsKey).ToList();
        if (!Enabled || partitions.Count == 0)
            return;
        int sent;
        lock (_gate)
        {
            var types = OwnedTypes(partitions.ToHashSet());
            sent = types.Count(type => Send(type, force: true));
            foreach (var partition in partitions)
                _owned.TryRemove(partition, out _);
            // The new owner continues from these snapshots; this instance stops forecasting (and scaling) the types, and
            // if they come back, the restore fills them in again.
            foreach (var type in types)
            {
                _acknowledged.TryRemove(type, out _);
                _forecaster.Forget(type);
            }
        }
        // Debug: the consumer tells the rebalance in one line.
        AwaitAcknowledgements(sent, "partitions revoked", LogLevel.Debug);
    }

    /// <summary>
    /// Writes every owned type and waits for the acknowledgements, then owns nothing more: for a clean shutdown, after
    /// the stream drained and before the consumer closes (whose revocation then has nothing left to write).
    /// </summary>
    public void WriteOwned()
    {
        if (!Enabled)
            return;
        int sent;
        lock (_gate)
        {
            sent = OwnedTypes(OwnedPartitions()).Count(type => Send(type, force: true));
            _owned.Clear();
        }
        AwaitAcknowledgements(sent, "shutdown", LogLevel.Information);
    }

    /// <summary>
    /// The periodic checkpoint's share of this tick: the next slice of the current pass over the owned types, or the
    /// start of a new pass once <see cref="CheckpointSettings.Interval"/> has passed since the last one started.
    /// Does not wait for acknowledgements.
    /// </summary>
    public void WriteDue()
    {
        if (!Enabled)
            return;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_cursor >= _pass.Count)
            {
                if (now - _passStarted < _settings.Interval)
                    return;
                _pass = OwnedTypes(OwnedPartitions());
                ForgetEvicted();
                _cursor = 0;
                _passStarted = now;
                var ticksPerPass = Math.Max(1.0, _settings.Interval / _settings.TickInterval);
                _perTick = (int)Math.Ceiling(_pass.Count / ticksPerPass);
            }
            var end = Math.Min(_pass.Count, _cursor + _perTick);
            foreach (var type in OwnedTypes(OwnedPartitions(), _pass.Skip(_cursor).Take(end - _cursor)))
                Send(type, force: false);
            _cursor = end;
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _reader.Dispose();
    }

    /// <summary>
    /// Hands one snapshot to the producer; true when one was sent. Unless <paramref name="force"/>d, skips a snapshot
    /// whose fingerprint matches the last acknowledged one (a hand-over always sends, so a fingerprint collision can only
    /// cost a periodic write). A full client buffer is drained once before giving up on the type.
    /// </summary>
    private bool Send(string type, bool force)
    {
        var snapshot = _forecaster.SaveState(type);
        if (snapshot is null)
            return false;
        var fingerprint = Fingerprint(snapshot);
        if (!force && _acknowledged.TryGetValue(type, out var last) && last == fingerprint)
            return false;
        if (!Produce(new Message<string, byte[]> { Key = type, Value = snapshot }, report => OnDelivered(report, fingerprint)))
            return false;
        Interlocked.Increment(ref _sent);
        return true;
    }

    /// <summary>Hands one record to the producer, to the type's partition; a full client buffer is drained once before giving up.</summary>
    private bool Produce(Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>> delivered)
    {
        var type = message.Key;
        var partition = new TopicPartition(_settings.StateTopic, KeyPartitioner.PartitionOf(type, _partitions));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _producer.Produce(partition, message, delivered);
                return true;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull && attempt == 0)
            {
                _producer.Flush(_settings.RestoreTimeout);
            }
            catch (ProduceException<string, byte[]> e)
            {
                Interlocked.Increment(ref _failed);
                CheckpointLog.WriteFailed(_logger, type, e.Error.Reason);
                return false;
            }
        }
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report, int fingerprint)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            CheckpointLog.WriteFailed(_logger, report.Message.Key, report.Error.Reason);
            return;
        }
        Interlocked.Increment(ref _acknowledgedCount);
        // Only a type still owned and held may skip its next identical write: a revoked one was forgotten on purpose,
        // and one the forecaster forgot (its bound on event types) would only take room here.
        if (_owned.ContainsKey(report.Partition.Value) && _forecaster.Knows(report.Message.Key))
            _acknowledged[report.Message.Key] = fingerprint;
    }

    /// <summary>
    /// Deletes the snapshots of types the forecaster forgot and drops their fingerprints, so both stay within its bound
    /// on event types. Only types whose snapshot this instance wrote or restored, in partitions it owns, are deleted.
    /// </summary>
    private void ForgetEvicted()
    {
        foreach (var type in _acknowledged.Keys)
        {
            if (!_forecaster.Knows(type) && _acknowledged.TryRemove(type, out _))
                Produce(new Message<string, byte[]> { Key = type, Value = null! }, OnDeleted);
        }
    }

    private void OnDeleted(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            CheckpointLog.WriteFailed(_logger, report.Message.Key, report.Error.Reason);
            return;
        }
        Interlocked.Increment(ref _deleted);
    }

    private void AwaitAcknowledgements(int sent, string reason, LogLevel level)
    {
        var failedBefore = Interlocked.Read(ref _failed);
        var inFlight = _producer.Flush(_settings.RestoreTimeout);
        var missing = inFlight + (int)(Interlocked.Read(ref _failed) - failedBefore);
        if (missing > 0)
            CheckpointLog.NotAcknowledged(_logger, missing, _settings.StateTopic, reason);
        else
            CheckpointLog.Written(_logger, level, sent, _settings.StateTopic, reason);
    }

    private HashSet<int> OwnedPartitions() => _owned.Keys.ToHashSet();

    private List<string> OwnedTypes(IReadOnlySet<int> partitions) => OwnedTypes(partitions, _forecaster.Types);

    private List<string> OwnedTypes(IReadOnlySet<int> partitions, IEnumerable<string> types) =>
        types.Where(t => partitions.Contains(KeyPartitioner.PartitionOf(t, _partitions))).ToList();

    private List<int> InputPartitions(IReadOnlyList<TopicPartition> partitions) =>
        partitions.Where(p => p.Topic == _settings.InputTopic).Select(p => p.Partition.Value).ToList();

    private static int PartitionCount(IAdminClient admin, string topic)
    {
        var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
        return metadata is null || metadata.Error.IsError ? 0 : metadata.Partitions.Count;
    }

    /// <summary>A cheap in-process fingerprint (seeded per process, never stored).</summary>
    private static int Fingerprint(byte[] snapshot)
    {
        var hash = new HashCode();
        hash.AddBytes(snapshot);
        return hash.ToHashCode();
    }
}
