using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
public sealed partial class EventConsumer : IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CommittedLookupTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FinalCommitTimeout = TimeSpan.FromSeconds(15);

    private readonly EventConsumerOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Channel<ConsumedMessage> channel;
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly OffsetGapTracker gaps = new();
    private readonly CommitLedger ledger = new();
    private readonly Queue<ConsumedMessage> waiting = new();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim spaceOrStop = new();
    private readonly ManualResetEventSlim closeSignal = new();
    private Task<bool>? spaceReady;
    private Thread? thread;
    private volatile bool stopFetching;
    private volatile bool closeRequested;
    private long lostMessages;
    private long consumedMessages;

    public EventConsumer(EventConsumerOptions options, ILogger<EventConsumer>? logger = null, TimeProvider? time = null)
    {
        options.Validate();
        this.options = options;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
        channel = Channel.CreateBounded<ConsumedMessage>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            ClientId = $"streammetrics-{options.GroupId}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = options.StartFromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            SessionTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds,
            EnablePartitionEof = false,
            // The embedded cluster answers a fetch only when this wait ends, even when records arrive sooner; 50 ms keeps
            // its end-to-end latency low, at 20 empty fetches a second per broker when idle.
            FetchWaitMaxMs = 50,
        };
        consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: true))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition).ToList(), commit: false))
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason))
            .SetLogHandler((_, message) => LogLibrdkafka(message))
            .Build();
    }

    /// <summary>Raised on the poll thread after partitions were assigned, before any of their records is delivered.</summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsAssigned;

    /// <summary>Raised on the poll thread when partitions are taken away, after their stored offsets were committed.</summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsRevoked;

    /// <summary>Consumed records in partition order; completes after <see cref="StopFetching"/> or <see cref="CloseAsync"/>.</summary>
    public ChannelReader<ConsumedMessage> Messages => channel.Reader;

    /// <summary>Records that disappeared before this consumer read them (offset gaps and resets).</summary>
    public long LostMessages => Interlocked.Read(ref lostMessages);

    /// <summary>Records handed to <see cref="Messages"/>.</summary>
    public long ConsumedMessages => Interlocked.Read(ref consumedMessages);

    /// <summary>Partitions this member owns now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => consumer.Assignment;

    /// <summary>Joins the group and starts the poll thread.</summary>
    public void Start()
    {
        if (thread is not null)
            throw new InvalidOperationException("the consumer is already started");
        thread = new Thread(Run) { IsBackground = true, Name = $"kafka-poll-{options.GroupId}" };
        thread.Start();
    }

    /// <summary>
    /// Marks <paramref name="consumed"/> as fully handled: the next commit covers it (stores its offset + 1).
    /// False when the partition is no longer assigned here; its new owner will read the record again.
    /// </summary>
    public bool StoreOffset(TopicPartitionOffset consumed)
    {
        if (ledger.Store(consumed.TopicPartition, consumed.Offset.Value + 1))
            return true;
        LogStoreRejected(PartitionList.Format(consumed.TopicPartition), consumed.Offset.Value);
        return false;
    }

    /// <summary>Stops handing out records and completes <see cref="Messages"/>; the group membership stays until <see cref="CloseAsync"/>.</summary>
    public void StopFetching()
    {
        stopFetching = true;
        spaceOrStop.Set();
    }

    /// <summary>Commits what was stored, leaves the group and ends the poll thread.</summary>
    public Task CloseAsync(CancellationToken ct = default)
    {
        StopFetching();
        closeRequested = true;
        closeSignal.Set();
        if (thread is null && !closed.Task.IsCompleted)
        {
            consumer.Close();
            channel.Writer.TryComplete();
            closed.TrySetResult();
        }
        return closed.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        consumer.Dispose();
        spaceOrStop.Dispose();
        closeSignal.Dispose();
    }

    private void Run()
    {
        try
        {
            consumer.Subscribe(options.Topics);
            var nextCommit = time.GetUtcNow() + options.CommitInterval;
            while (!closeRequested)
            {
                if (stopFetching)
                {
                    waiting.Clear(); // never delivered, never stored: read again after a restart
                    channel.Writer.TryComplete();
                    closeSignal.Wait(PollTimeout); // the group membership is kept alive by librdkafka's own threads
                }
                else if (DeliverWaiting())
                {
                    var result = consumer.Consume(PollTimeout);
                    if (result?.Message is not null)
                        Accept(result);
                }
                else
                {
                    WaitForSpace();
                }
                if (time.GetUtcNow() >= nextCommit)
                {
                    CommitStored();
                    nextCommit = time.GetUtcNow() + options.CommitInterval;
                }
            }
            channel.Writer.TryComplete();
            CommitBeforeLeaving();
            consumer.Close();
            LogClosed(options.GroupId, ConsumedMessages, LostMessages);
            closed.TrySetResult();
        }
        catch (Exception e)
        {
            LogPollLoopFailed(e, options.GroupId);
            channel.Writer.TryComplete(e);
            closed.TrySetException(e);
        }
    }

    private void Accept(ConsumeResult<byte[], byte[]> result)
    {
        var lost = gaps.Observe(result.TopicPartition, result.Offset.Value);
        if (lost > 0)
        {
            Interlocked.Add(ref lostMessages, lost);
            LogDataLost(lost, PartitionList.Format(result.TopicPartition), result.Offset.Value - lost, result.Offset.Value - 1, LostMessages);
        }
        var timestamp = result.Message.Timestamp.Type == TimestampType.NotAvailable
            ? time.GetUtcNow()
            : DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs);
        var message = new ConsumedMessage(result.TopicPartitionOffset, result.Message.Key, result.Message.Value ?? [], timestamp);
        if (waiting.Count > 0 || !channel.Writer.TryWrite(message))
            waiting.Enqueue(message);
        else
            Interlocked.Increment(ref consumedMessages);
    }

    /// <summary>
    /// Moves held-back records into the channel. False when the holding queue is still full: then the loop stops calling
    /// <c>Consume</c>, librdkafka's prefetch queue fills up and fetching stops by itself, so nothing is dropped and
    /// fetched again. While the channel stays full no rebalance is served; a pipeline stalled past
    /// <c>max.poll.interval.ms</c> (5 min) loses its partitions.
    /// </summary>
    private bool DeliverWaiting()
    {
        while (waiting.Count > 0 && channel.Writer.TryWrite(waiting.Peek()))
        {
            waiting.Dequeue();
            Interlocked.Increment(ref consumedMessages);
        }
        return waiting.Count < options.ChannelCapacity;
    }

    private void WaitForSpace()
    {
        if (spaceReady is null || spaceReady.IsCompleted)
        {
            spaceOrStop.Reset();
            spaceReady = channel.Writer.WaitToWriteAsync().AsTask();
            spaceReady.ContinueWith(_ => spaceOrStop.Set(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        spaceOrStop.Wait(PollTimeout);
    }

    private bool CommitStored(IReadOnlyCollection<TopicPartition>? only = null) => TryCommit(only, logRefusal: true, out _);

    private bool TryCommit(IReadOnlyCollection<TopicPartition>? only, bool logRefusal, out ErrorCode error)
    {
        error = ErrorCode.NoError;
        var offsets = ledger.Pending(only);
        if (offsets.Count == 0)
            return true;
        try
        {
            consumer.Commit(offsets);
            ledger.Committed(offsets);
            return true;
        }
        catch (TopicPartitionOffsetException e)
        {
            ledger.Committed(e.Results.Where(r => r.Error.Code == ErrorCode.NoError).Select(r => r.TopicPartitionOffset));
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
        var deadline = time.GetUtcNow() + FinalCommitTimeout;
        while (!TryCommit(null, logRefusal: false, out var error)
               && error is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId
               && time.GetUtcNow() < deadline)
        {
            consumer.Consume(PollTimeout); // serves the rebalance; records are not delivered any more
        }
        if (ledger.Pending(null) is { Count: > 0 } uncommitted)
            LogUncommittedAtClose(uncommitted.Count, PartitionList.Format(uncommitted.Select(o => o.TopicPartition)));
    }

    private void LogLibrdkafka(LogMessage message)
    {
        var level = message.Level switch
        {
            <= SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Debug,
        };
        LogNative(level, message.Facility, message.Message);
    }
}
