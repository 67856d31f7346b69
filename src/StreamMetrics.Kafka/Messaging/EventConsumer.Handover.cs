using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Giving partitions up cleanly. When partitions are revoked, records of theirs that the pipeline has not taken yet are
/// passed over (their next owner reads them from the committed offset), and the revocation waits for the records it
/// did take to finish, so the commit that follows covers them and the partitions' listeners (the forecaster-state
/// hand-over) see every record counted. A record finished after its partition moved would be processed twice, and its
/// count would be missing from the state handed over.
/// </summary>
public sealed partial class EventConsumer
{
    /// <summary>Per partition, how many times it was given up: records fetched before the last time are passed over.</summary>
    private readonly ConcurrentDictionary<TopicPartition, int> _generations = new();

    /// <summary>Per partition, the offset of the last record the pipeline took since the partition was last given up.</summary>
    private readonly Dictionary<TopicPartition, long> _admitted = [];

    /// <summary>Orders the pipeline taking a record against the poll thread giving its partition up.</summary>
    private readonly Lock _admission = new();

    /// <summary>Set by every accepted <see cref="StoreOffset"/>, for a revocation waiting for its partitions' records.</summary>
    private readonly ManualResetEventSlim _stored = new();

    private long _passedOver;

    /// <summary>Records fetched but passed over because their partition was revoked first; their next owner reads them.</summary>
    public long PassedOver => Interlocked.Read(ref _passedOver);

    private int GenerationOf(TopicPartition partition) => _generations.GetValueOrDefault(partition);

    /// <summary>True when the pipeline may take <paramref name="message"/>: its partition was not given up since it was fetched.</summary>
    private bool Admit(ConsumedMessage message)
    {
        var partition = message.Position.TopicPartition;
        lock (_admission)
        {
            if (message.Generation != GenerationOf(partition))
            {
                Interlocked.Increment(ref _passedOver);
                Interlocked.Decrement(ref _fetchedMessages); // never in flight: the new owner reads it
                return false;
            }
            _admitted[partition] = message.Position.Offset.Value;
            return true;
        }
    }

    /// <summary>
    /// Gives <paramref name="partitions"/> up: the pipeline takes no more of their fetched records. Returns, per partition,
    /// the offset of the last record it took.
    /// </summary>
    private Dictionary<TopicPartition, long> Retire(IEnumerable<TopicPartition> partitions)
    {
        var taken = new Dictionary<TopicPartition, long>();
        lock (_admission)
        {
            foreach (var partition in partitions)
            {
                _generations[partition] = GenerationOf(partition) + 1;
                if (_admitted.Remove(partition, out var last))
                    taken[partition] = last;
            }
        }
        return taken;
    }

    /// <summary>
    /// Waits, up to <see cref="EventConsumerOptions.RevokeDrainTimeout"/>, until the records the pipeline took of each
    /// partition are finished (their offsets stored). The whole group waits meanwhile, which the bound limits; records
    /// still unfinished then are read again by the next owner. A stop skips the wait: the pipeline has drained by then.
    /// </summary>
    private void AwaitFinished(Dictionary<TopicPartition, long> taken)
    {
        if (_stopFetching || taken.Count == 0)
            return;
        var deadline = _time.GetUtcNow() + _options.RevokeDrainTimeout;
        while (Unfinished(taken) is { Count: > 0 } unfinished)
        {
            if (_time.GetUtcNow() >= deadline)
            {
                LogRevokeDrainTimedOut(PartitionList.Format(unfinished), _options.RevokeDrainTimeout);
                return;
            }
            _stored.Reset();
            if (Unfinished(taken).Count > 0)
                _stored.Wait(PollTimeout);
        }
    }

    private List<TopicPartition> Unfinished(Dictionary<TopicPartition, long> taken) =>
        taken.Where(t => _ledger.FinishedUpTo(t.Key) <= t.Value).Select(t => t.Key).ToList();

    /// <summary>The pipeline's side of the channel: records of partitions given up since they were fetched are passed over.</summary>
    private sealed class CurrentRecords(EventConsumer consumer, ChannelReader<ConsumedMessage> fetched) : ChannelReader<ConsumedMessage>
    {
        public override Task Completion => fetched.Completion;

        public override bool TryRead(out ConsumedMessage item)
        {
            while (fetched.TryRead(out item!))
            {
                if (consumer.Admit(item))
                    return true;
            }
            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => fetched.WaitToReadAsync(cancellationToken);

        public override bool CanCount => fetched.CanCount;

        /// <summary>Records waiting, those to be passed over included.</summary>
        public override int Count => fetched.Count;
    }
}
