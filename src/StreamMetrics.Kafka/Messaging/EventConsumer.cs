using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// A consumer-group member whose poll loop runs on its own thread and feeds the bounded channel <see cref="Messages"/>.
/// Offsets are committed only as far as <see cref="StoreOffset"/> was told (at-least-once), every
/// <see cref="EventConsumerOptions.CommitInterval"/>, before partitions are revoked, and at close.
/// Shutdown: <see cref="StopFetching"/> (the channel completes) -> the reader drains and stores -> <see cref="CloseAsync"/>
/// (final commit, then leave the group).
/// Records that vanish before they are read (truncation on the embedded cluster, an offset reset) are counted in
/// <see cref="LostMessages"/> and logged as errors.
/// </summary>
public sealed partial class EventConsumer : IOffsetStore, IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The most records one turn of the poll loop takes; a fetch brings hundreds, the channel holds thousands.</summary>
    private const int FetchedBurst = 64;
    private static readonly TimeSpan CommittedLookupTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FinalCommitTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan EndQueryTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan EndQueryInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Records the poll loop may take beyond a full channel and a full holding queue (a tenth of the channel's capacity,
    /// 1,000 by default), one per poll that serves the group while the pipeline makes no room (at most one per
    /// <c>PollTimeout</c>), before it pauses fetching. Pausing is costly: librdkafka drops every record it prefetched for a
    /// paused partition and fetches them again on resume, and a pipeline merely slower than Kafka filled the channel
    /// again and again. With the reserve such a pipeline never pauses; a stalled one pauses after about 100 s.
    /// </summary>
    public int FullReserve => _options.ChannelCapacity / 10;

    /// <summary>
    /// The most the partition ends behind <see cref="Lag"/> may trail the broker's while the consumer is full: it learns
    /// them by asking every <c>EndQueryInterval</c>, each answer awaited for up to <c>EndQueryTimeout</c>.
    /// </summary>
    public static TimeSpan PausedEndStaleness => EndQueryInterval + EndQueryTimeout;

    private readonly EventConsumerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<ConsumedMessage> _channel;
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly OffsetGapTracker _gaps = new();
    private readonly KnownPartitions _partitions = new();
    private readonly CommitLedger _ledger = new();
    private readonly Queue<ConsumedMessage> _waiting = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _spaceOrStop = new();
    private readonly ManualResetEventSlim _closeSignal = new();
    private Task<bool>? _spaceReady;
    private Thread? _thread;
    private volatile bool _stopFetching;
    private volatile bool _closeRequested;
    private bool _paused;
    private long _lostMessages;
    private long _consumedMessages;
    private long _fetchedMessages;

    public EventConsumer(KafkaClients clients, EventConsumerOptions options, ILogger<EventConsumer>? logger = null, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _channel = Channel.CreateBounded<ConsumedMessage>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Messages = new CurrentRecords(this, _channel.Reader);
        _consumer = new ConsumerBuilder<byte[], byte[]>(clients.GroupMemberConfig(options))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: false))
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason))
            .SetLogHandler((_, message) => LogNative(NativeLog.Level(message.Level), message.Facility, message.Message))
            .Build();
        _endsAdmin = new Lazy<IAdminClient>(() => clients.CreateAdminClient($"streammetrics-{options.GroupId}-ends", _logger));
    }

    /// <summary>Raised on the poll thread after partitions were assigned, before any of their records is delivered.</summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsAssigned;

    /// <summary>Raised on the poll thread when partitions are taken away, after their stored offsets were committed.</summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsRevoked;

    /// <summary>
    /// Consumed records in partition order, without those of partitions revoked since they were fetched (their next owner
    /// reads them); completes after <see cref="StopFetching"/> or <see cref="CloseAsync"/>.
    /// </summary>
    public ChannelReader<ConsumedMessage> Messages { get; }

    /// <summary>Records that disappeared before this consumer read them (offset gaps and resets).</summary>
    public long LostMessages => Interlocked.Read(ref _lostMessages);

    /// <summary>Records handed to <see cref="Messages"/>.</summary>
    public long ConsumedMessages => Interlocked.Read(ref _consumedMessages);

    /// <summary>
    /// Records the poll loop has taken from the client: those handed to <see cref="Messages"/> and those it holds back while
    /// the channel is full (at most <see cref="HeldLimit"/> at once, the two together). Records dropped at a stop or passed
    /// over because their partition was revoked (held back, or in the channel), never taken by the pipeline, do not count.
    /// </summary>
    public long FetchedMessages => Interlocked.Read(ref _fetchedMessages);

    /// <summary>
    /// The most records this consumer holds for the pipeline at once: a full channel, as many again held back on the
    /// poll thread (twice <see cref="EventConsumerOptions.ChannelCapacity"/>) and the <see cref="FullReserve"/>. Past
    /// that it pauses fetching and takes no more records from the client.
    /// </summary>
    public int HeldLimit => 2 * _options.ChannelCapacity + FullReserve;

    /// <summary>Partitions this member owns now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _consumer.Assignment;

    /// <summary>Joins the group and starts the poll thread.</summary>
    public void Start()
    {
        if (_thread is not null)
            throw new InvalidOperationException("the consumer is already started");
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-poll-{_options.GroupId}" };
        _thread.Start();
    }

    /// <summary>
    /// Marks offset <paramref name="consumed"/> of <paramref name="partition"/> as fully handled: the next commit covers it
    /// (stores its offset + 1). False when the partition is no longer assigned here; its new owner will read the record again.
    /// </summary>
    public bool StoreOffset(TopicPartition partition, Offset consumed)
    {
        if (_ledger.Store(partition, consumed.Value + 1))
        {
            // Only a revocation waits for this, and only after resetting it: setting it again while set costs an
            // interlocked write per event for nothing.
            if (!_stored.IsSet)
                _stored.Set();
            return true;
        }
        LogStoreRejected(PartitionList.Format(partition), consumed.Value);
        return false;
    }

    /// <summary>Stops handing out records and completes <see cref="Messages"/>; the group membership stays until <see cref="CloseAsync"/>.</summary>
    public void StopFetching()
    {
        _stopFetching = true;
        _spaceOrStop.Set();
    }

    /// <summary>Commits what was stored, leaves the group and ends the poll thread.</summary>
    public Task CloseAsync(CancellationToken ct = default)
    {
        StopFetching();
        _closeRequested = true;
        _closeSignal.Set();
        if (_thread is null && !_closed.Task.IsCompleted)
        {
            _consumer.Close();
            _channel.Writer.TryComplete();
            _closed.TrySetResult();
        }
        return _closed.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await _endsAsked;
        _consumer.Dispose();
        if (_endsAdmin.IsValueCreated)
            _endsAdmin.Value.Dispose();
        _spaceOrStop.Dispose();
        _closeSignal.Dispose();
        _stored.Dispose();
    }

    private void Run()
    {
        try
        {
            _consumer.Subscribe(_options.Topics);
            var lastCommit = _time.GetTimestamp();
            while (!_closeRequested)
            {
                var now = _time.GetTimestamp();
                MarkPolled(now);
                if (_time.GetElapsedTime(lastCommit, now) >= _options.CommitInterval)
                {
                    CommitStored();
                    lastCommit = _time.GetTimestamp();
                }
                if (_stopFetching)
                {
                    Interlocked.Add(ref _fetchedMessages, -_waiting.Count);
                    _waiting.Clear(); // never delivered, never stored: read again after a restart
                    _channel.Writer.TryComplete();
                    _closeSignal.Wait(PollTimeout); // the group membership is kept alive by librdkafka's own threads
                }
                else if (DeliverWaiting())
                {
                    SetPaused(false);
                    TakeFetched();
                }
                else
                {
                    // Full: the loop waits for room, then still polls so that a rebalance is served at once; a member
                    // that did not rejoin in time would be left out of the new generation and cost the group another
                    // round. A record that poll returns goes to the reserve; only once that is used up does fetching pause.
                    if (_waiting.Count >= _options.ChannelCapacity + FullReserve)
                        SetPaused(true); // until the holding queue has room again
                    WaitForSpace();
                    AskEndsWhileFull();
                    var result = Poll(TimeSpan.Zero);
                    if (result?.Message is not null)
                        Accept(result);
                }
            }
            _channel.Writer.TryComplete();
            CommitBeforeLeaving();
            _consumer.Close();
            LogClosed(_options.GroupId, ConsumedMessages, LostMessages);
            _closed.TrySetResult();
        }
        catch (Exception e)
        {
            LogPollLoopFailed(e, _options.GroupId);
            _channel.Writer.TryComplete(e);
            _closed.TrySetException(e);
        }
    }

    /// <summary>
    /// Waits up to one poll timeout for a record, then takes those already fetched without waiting, up to
    /// <see cref="FetchedBurst"/>, while the channel takes them and nothing asks the loop to stop: the loop's own work
    /// (reading the clock, the commit check) comes once per burst rather than once per record.
    /// </summary>
    private void TakeFetched()
    {
        var result = Poll(PollTimeout);
        for (var taken = 1; result?.Message is not null; taken++)
        {
            Accept(result);
            if (taken == FetchedBurst || _waiting.Count > 0 || _stopFetching || _closeRequested)
                return;
            result = Poll(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Polls once. A fetch that failed (a request timed out, a leader moved away) comes back as an error instead of a
    /// record; librdkafka fetches again from the same offset by itself, so such an error is logged and the loop goes on.
    /// Only a fatal error ends it.
    /// </summary>
    private ConsumeResult<byte[], byte[]>? Poll(TimeSpan timeout)
    {
        try
        {
            return _consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            LogKafkaError(e.Error.Code, e.Error.Reason);
            return null;
        }
    }

    private void Accept(ConsumeResult<byte[], byte[]> result)
    {
        var partition = _partitions.Of(result.Topic, result.Partition);
        var lost = _gaps.Observe(partition, result.Offset.Value);
        if (lost > 0)
        {
            Interlocked.Add(ref _lostMessages, lost);
            LogDataLost(lost, PartitionList.Format(partition), result.Offset.Value - lost, result.Offset.Value - 1, LostMessages);
        }
        var timestamp = result.Message.Timestamp.Type == TimestampType.NotAvailable
            ? _time.GetUtcNow()
            : DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs);
        var message = new ConsumedMessage(partition, result.Offset, result.Message.Key, result.Message.Value ?? [], timestamp)
        {
            Generation = GenerationOf(partition),
        };
        Interlocked.Increment(ref _fetchedMessages);
        if (_waiting.Count > 0 || !_channel.Writer.TryWrite(message))
            _waiting.Enqueue(message);
        else
            Interlocked.Increment(ref _consumedMessages);
    }

    /// <summary>
    /// Moves held-back records into the channel. False when the holding queue is still full: then the loop takes a record
    /// only when it polls to serve the group, and pauses the assigned partitions once the reserve is used up, so fetching
    /// stops. A pipeline stalled past <c>max.poll.interval.ms</c> (5 min) still loses its partitions.
    /// </summary>
    private bool DeliverWaiting()
    {
        while (_waiting.Count > 0 && _channel.Writer.TryWrite(_waiting.Peek()))
        {
            _waiting.Dequeue();
            Interlocked.Increment(ref _consumedMessages);
        }
        return _waiting.Count < _options.ChannelCapacity;
    }

    /// <summary>Pauses or resumes fetching of every assigned partition; an assignment starts unpaused.</summary>
    private void SetPaused(bool paused)
    {
        if (paused == _paused)
            return;
        var assignment = _consumer.Assignment;
        if (paused)
            _consumer.Pause(assignment);
        else
            _consumer.Resume(assignment);
        _paused = paused;
    }

    /// <summary>Waits up to one poll timeout for room in the channel or a stop.</summary>
    private void WaitForSpace()
    {
        if (_spaceReady is null || _spaceReady.IsCompleted)
        {
            _spaceOrStop.Reset();
            _spaceReady = _channel.Writer.WaitToWriteAsync().AsTask();
            _spaceReady.ContinueWith(_ => _spaceOrStop.Set(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        _spaceOrStop.Wait(PollTimeout);
    }

    private bool CommitStored(IReadOnlyCollection<TopicPartition>? only = null) => TryCommit(only, logRefusal: true, out _);

    private bool TryCommit(IReadOnlyCollection<TopicPartition>? only, bool logRefusal, out ErrorCode error)
    {
        error = ErrorCode.NoError;
        var offsets = _ledger.Pending(only);
        if (offsets.Count == 0)
            return true;
        try
        {
            _consumer.Commit(offsets);
            _ledger.Committed(offsets);
            return true;
        }
        catch (TopicPartitionOffsetException e)
        {
            _ledger.Committed(e.Results.Where(r => r.Error.Code == ErrorCode.NoError).Select(r => r.TopicPartitionOffset));
            error = e.Results.Select(r => r.Error.Code).FirstOrDefault(c => c != ErrorCode.NoError, e.Error.Code);
        }
        catch (KafkaException e)
        {
            error = e.Error.Code;
        }
        if (logRefusal)
            LogCommitFailed(error);
        return false;
    }

    /// <summary>
    /// The last commit before leaving the group. A commit refused because the group is rebalancing (another member
    /// joining or leaving at the same time) is retried while the rebalance completes, up to <see cref="FinalCommitTimeout"/>.
    /// </summary>
    private void CommitBeforeLeaving()
    {
        var deadline = _time.GetUtcNow() + FinalCommitTimeout;
        while (!TryCommit(null, logRefusal: false, out var error)
               && error is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId
               && _time.GetUtcNow() < deadline)
        {
            Poll(PollTimeout); // serves the rebalance; records are not delivered any more
        }
        if (_ledger.Pending(null) is { Count: > 0 } uncommitted)
            LogUncommittedAtClose(uncommitted.Count, PartitionList.Format(uncommitted.Select(o => o.TopicPartition)));
    }
}
