using System.Text;
using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Kafka.Tests.Messaging;

public sealed class ConsumerPublisherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private readonly ListLogger<EventConsumer> _log = new();

    private EventConsumer Consumer(string topic, string group, int capacity = 10_000) => new(KafkaClients.For(_cluster.BootstrapServers), new EventConsumerOptions
    {
        GroupId = group,
        Topics = [topic],
        ChannelCapacity = capacity,
        SessionTimeout = TimeSpan.FromSeconds(6),
    }, _log);

    /// <param name="compressed">False to publish without compression, so that the bytes kept on the cluster are the bytes sent.</param>
    private async Task<List<string>> PublishAsync(string topic, int count, int valueBytes = 0, int keys = 50, string prefix = "", bool compressed = true)
    {
        IReadOnlyDictionary<string, string> properties = compressed ? new Dictionary<string, string>() : new Dictionary<string, string> { ["compression.type"] = "none" };
        using var publisher = new RecordPublisher(new KafkaClients(new KafkaClientSettings { BootstrapServers = _cluster.BootstrapServers, Properties = properties }));
        var padding = new string('x', valueBytes);
        var values = Enumerable.Range(0, count).Select(i => $"{prefix}{i}:{padding}").ToList();
        await Task.WhenAll(values.Select((v, i) => publisher.PublishAsync(topic, $"k{i % keys}", Encoding.UTF8.GetBytes(v), CancellationToken.None)));
        Assert.Equal(0, publisher.Flush(TimeSpan.FromSeconds(10)));
        return values;
    }

    private async Task<List<ConsumedMessage>> ReadAsync(EventConsumer consumer, int count, bool store = true)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var read = new List<ConsumedMessage>();
        while (read.Count < count)
        {
            try
            {
                if (!await consumer.Messages.WaitToReadAsync(cts.Token))
                    break;
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"read {read.Count} of {count} within {Timeout}; consumer handed out {consumer.ConsumedMessages}, " +
                            $"lost {consumer.LostMessages}; log:\n{string.Join("\n", _log.Lines.Select(l => $"{l.Level}: {l.Message}"))}");
            }
            while (read.Count < count && consumer.Messages.TryRead(out var message))
            {
                read.Add(message);
                if (store)
                    Assert.True(consumer.StoreOffset(message.Partition, message.Offset));
            }
        }
        return read;
    }

    /// <summary>
    /// Reads only once the channel is full (or holds all that is left), and then all of it at once, storing each offset:
    /// the consumer's poll loop holds records back and fetches again at every burst.
    /// </summary>
    private static async Task<List<ConsumedMessage>> ReadInBurstsAsync(EventConsumer consumer, int count, int capacity)
    {
        var read = new List<ConsumedMessage>();
        while (read.Count < count)
        {
            await Eventually.True(() => consumer.Messages.Count >= Math.Min(capacity, count - read.Count),
                () => $"read {read.Count} of {count}; the channel holds {consumer.Messages.Count}, lost {consumer.LostMessages}", Timeout);
            while (consumer.Messages.TryRead(out var message))
            {
                read.Add(message);
                Assert.True(consumer.StoreOffset(message.Partition, message.Offset));
            }
        }
        return read;
    }

    [Fact]
    public async Task Published_records_arrive_in_partition_order_and_close_commits_the_end_offsets()
    {
        _cluster.CreateTopic("cp-roundtrip", 4);
        var sent = await PublishAsync("cp-roundtrip", 2000);
        var assigned = new List<TopicPartition>();

        var consumer = Consumer("cp-roundtrip", "cp-roundtrip-group");
        consumer.PartitionsAssigned += assigned.AddRange;
        consumer.Start();
        var read = await ReadAsync(consumer, sent.Count);
        await consumer.DisposeAsync();

        Assert.Equal(4, assigned.Count);
        AssertAllReadInPartitionOrder(sent, read);
        Assert.Equal(0, consumer.LostMessages);
        Assert.Equal(sent.Count, consumer.ConsumedMessages);
        AssertCommittedAtEnd("cp-roundtrip", 4, "cp-roundtrip-group");
    }

    [Fact]
    public async Task Records_published_together_are_acknowledged_together_and_arrive_once_each_in_order_under_their_key()
    {
        _cluster.CreateTopic("cp-together", 4);
        var sent = Enumerable.Range(0, 500).Select(i => $"r{i}").ToList();
        using (var publisher = new RecordPublisher(KafkaClients.For(_cluster.BootstrapServers)))
            await publisher.PublishAllAsync("cp-together", "checkout", [.. sent.Select(Encoding.UTF8.GetBytes)], CancellationToken.None);

        var consumer = Consumer("cp-together", "cp-together-group");
        consumer.Start();
        var read = await ReadAsync(consumer, sent.Count);
        await consumer.DisposeAsync();

        // One key, so one partition, in the order given.
        Assert.Equal(sent, read.Select(m => Encoding.UTF8.GetString(m.Value)));
        Assert.All(read, m => Assert.Equal("checkout", Encoding.UTF8.GetString(m.Key!)));
        Assert.Equal(sent.Count, consumer.ConsumedMessages);
    }

    [Fact]
    public async Task Only_stored_offsets_are_committed()
    {
        _cluster.CreateTopic("cp-partial", 1);
        await PublishAsync("cp-partial", 100);
        var consumer = Consumer("cp-partial", "cp-partial-group");
        consumer.Start();
        var read = await ReadAsync(consumer, 100, store: false);
        Assert.True(consumer.StoreOffset(read[41].Partition, read[41].Offset));
        consumer.StopFetching();
        await consumer.DisposeAsync();

        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "cp-partial-group" }).Build();
        var committed = probe.Committed([new TopicPartition("cp-partial", 0)], Timeout).Single();
        Assert.Equal(42, committed.Offset.Value);
    }

    [Fact]
    public async Task A_full_channel_pauses_fetching_without_losing_or_reordering_records()
    {
        var (consumer, sent) = await StartOnTwoPartitionsAsync("cp-backpressure", 3000, capacity: 8);
        // The reader lets the channel fill up before each burst: fetching pauses and resumes about 3000 / 8 = 375 times.
        await ReadAllAndAssertNothingLostAsync(consumer, sent, "cp-backpressure", capacity: 8);
    }

    [Fact]
    public async Task A_consumer_nobody_reads_from_takes_its_held_limit_then_pauses_and_resumes_without_losing_records()
    {
        var (consumer, sent) = await StartOnTwoPartitionsAsync("cp-reserve", 1000, capacity: 100);

        // A full channel, as many held back, and the reserve of a tenth taken one per poll that serves the group.
        Assert.Equal(210, consumer.HeldLimit);
        await Eventually.True(() => consumer.FetchedMessages == consumer.HeldLimit,
            () => $"the consumer took {consumer.FetchedMessages} records, its held limit is {consumer.HeldLimit}", Timeout);
        await ReadAllAndAssertNothingLostAsync(consumer, sent, "cp-reserve", capacity: 100);
    }

    /// <summary>Publishes <paramref name="count"/> records to a new two-partition <paramref name="topic"/> and starts a consumer of it.</summary>
    private async Task<(EventConsumer Consumer, List<string> Sent)> StartOnTwoPartitionsAsync(string topic, int count, int capacity)
    {
        _cluster.CreateTopic(topic, 2);
        var sent = await PublishAsync(topic, count);
        var consumer = Consumer(topic, $"{topic}-group", capacity);
        consumer.Start();
        return (consumer, sent);
    }

    /// <summary>Reads every record of the two-partition <paramref name="topic"/> in bursts, then checks order, loss and the commit.</summary>
    private async Task ReadAllAndAssertNothingLostAsync(EventConsumer consumer, List<string> sent, string topic, int capacity)
    {
        var read = await ReadInBurstsAsync(consumer, sent.Count, capacity);
        await consumer.DisposeAsync();

        AssertAllReadInPartitionOrder(sent, read);
        Assert.Equal(0, consumer.LostMessages);
        AssertCommittedAtEnd(topic, 2, $"{topic}-group");
    }

    [Fact]
    public async Task Records_truncated_by_the_cluster_are_counted_as_lost()
    {
        // One partition keeps about 5 MiB: 8 MiB of 1 KiB records pushes the oldest out before anyone reads them.
        _cluster.CreateTopic("cp-lost", 1);
        var sent = await PublishAsync("cp-lost", 8 * 1024, valueBytes: 1024, compressed: false);
        var consumer = Consumer("cp-lost", "cp-lost-group");
        consumer.Start();
        using var cts = new CancellationTokenSource(Timeout);
        var read = 0;
        while (read + consumer.LostMessages < sent.Count)
        {
            var message = await consumer.Messages.ReadAsync(cts.Token);
            consumer.StoreOffset(message.Partition, message.Offset);
            read++;
        }
        await consumer.DisposeAsync();

        Assert.True(consumer.LostMessages > 0, "the truncated head must be reported as lost");
        Assert.True(read < sent.Count);
        Assert.Equal(sent.Count, read + consumer.LostMessages);
        Assert.Contains(_log.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.StartsWith("DATA LOST: "));
    }

    [Fact]
    public async Task A_second_member_takes_over_partitions_and_together_they_read_everything()
    {
        _cluster.CreateTopic("cp-rebalance", 4);
        var sent = await PublishAsync("cp-rebalance", 500);
        var first = Consumer("cp-rebalance", "cp-rebalance-group");
        var revokedFromFirst = 0;
        first.PartitionsRevoked += partitions => Interlocked.Add(ref revokedFromFirst, partitions.Count);
        first.Start();
        var seen = (await ReadAsync(first, 200)).Select(m => Encoding.UTF8.GetString(m.Value)).ToHashSet();

        var second = Consumer("cp-rebalance", "cp-rebalance-group");
        second.Start();
        await Eventually.True(() => first.Assignment.Count == 2 && second.Assignment.Count == 2,
            () => $"assignments {first.Assignment.Count} and {second.Assignment.Count}", Timeout);
        sent.AddRange(await PublishAsync("cp-rebalance", 500, prefix: "late-"));
        using var cts = new CancellationTokenSource(Timeout);
        var fromSecond = 0;
        var ends = EndOffsets("cp-rebalance", 4);
        var storedNext = new long[4];
        while (true)
        {
            // Both members are read concurrently, as two service instances would be.
            foreach (var member in new[] { first, second })
            {
                while (member.Messages.TryRead(out var message))
                {
                    seen.Add(Encoding.UTF8.GetString(message.Value));
                    // A record of a partition that moved away cannot be stored here: its new owner reads it again.
                    if (member.StoreOffset(message.Partition, message.Offset))
                        storedNext[message.Partition.Partition.Value] = message.Offset.Value + 1;
                    if (member == second)
                        fromSecond++;
                }
            }
            if (seen.Count == sent.Count && storedNext.SequenceEqual(ends))
                break;
            await Task.WhenAny(first.Messages.WaitToReadAsync(cts.Token).AsTask(), second.Messages.WaitToReadAsync(cts.Token).AsTask());
        }
        await first.DisposeAsync();
        await second.DisposeAsync();

        Assert.Equal(sent.Order(), seen.Order());
        Assert.True(revokedFromFirst >= 4, $"the first member gave up its partitions for the rebalance ({revokedFromFirst} revoked)");
        Assert.True(fromSecond > 0, "the second member read records of the partitions it took over");
        Assert.Equal(0, first.LostMessages + second.LostMessages);
        AssertCommittedAtEnd("cp-rebalance", 4, "cp-rebalance-group");
        // Operators read one short line per rebalance, with the partitions as ranges.
        var told = _log.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(l => l.Message).ToList();
        Assert.Contains(told, l => l.StartsWith("group cp-rebalance-group: rebalanced, owns cp-rebalance[", StringComparison.Ordinal)
                                   && l.Contains("gave up cp-rebalance[0-3]", StringComparison.Ordinal));
        Assert.DoesNotContain(told, l => l.Contains("revoked", StringComparison.Ordinal) || l.Contains("[[", StringComparison.Ordinal));
        Assert.All(told, l => Assert.True(l.Length <= 160, l));
    }

    [Fact]
    public async Task Publishing_survives_a_broker_going_down_and_coming_back()
    {
        _cluster.CreateTopic("cp-fault", 3, replicationFactor: 3);
        using var publisher = new RecordPublisher(KafkaClients.For(_cluster.BootstrapServers));
        await PublishAsyncWith(publisher, "cp-fault", 0, 200);

        _cluster.SetBrokerRtt(3, TimeSpan.FromMilliseconds(300));
        _cluster.SetBrokerDown(1);
        _cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.BrokerNotAvailable);
        var during = PublishAsyncWith(publisher, "cp-fault", 200, 200);
        for (var p = 0; p < 3; p++)
            _cluster.SetPartitionLeader("cp-fault", p, 2);
        _cluster.SetBrokerUp(1);
        await during;
        _cluster.SetBrokerRtt(3, TimeSpan.Zero);

        var consumer = Consumer("cp-fault", "cp-fault-group");
        consumer.Start();
        var read = await ReadAsync(consumer, 400);
        await consumer.DisposeAsync();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => i.ToString()).Order(), read.Select(m => Encoding.UTF8.GetString(m.Value)).Order());
        Assert.Equal(0, consumer.LostMessages);
    }

    /// <summary>
    /// Every record sent was read, and in each partition in the order it holds them: offsets 0, 1, 2, ... with nothing
    /// missing, repeated or swapped, and the values' sequence numbers (published in ascending order) ascending.
    /// </summary>
    private static void AssertAllReadInPartitionOrder(List<string> sent, List<ConsumedMessage> read)
    {
        Assert.Equal(sent.Order(), read.Select(m => Encoding.UTF8.GetString(m.Value)).Order());
        foreach (var partition in read.GroupBy(m => m.Partition.Partition.Value))
        {
            var offsets = partition.Select(m => m.Offset.Value).ToList();
            Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => (long)i), offsets);
            var sequence = partition.Select(m => int.Parse(Encoding.UTF8.GetString(m.Value).Split(':')[0])).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }
    }

    private static async Task PublishAsyncWith(RecordPublisher publisher, string topic, int first, int count)
    {
        await Task.WhenAll(Enumerable.Range(first, count)
            .Select(i => publisher.PublishAsync(topic, null, Encoding.UTF8.GetBytes(i.ToString()), CancellationToken.None)));
    }

    private long[] EndOffsets(string topic, int partitions)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "probe" }).Build();
        return Enumerable.Range(0, partitions).Select(p => probe.QueryWatermarkOffsets(new TopicPartition(topic, p), Timeout).High.Value).ToArray();
    }

    private void AssertCommittedAtEnd(string topic, int partitions, string group)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = group }).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = probe.Committed(all, Timeout);
        foreach (var position in committed)
        {
            var end = probe.QueryWatermarkOffsets(position.TopicPartition, Timeout).High;
            Assert.Equal(end.Value, position.Offset.Value);
        }
    }
}
