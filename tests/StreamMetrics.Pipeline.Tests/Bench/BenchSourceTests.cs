using StreamMetrics.Pipeline.Bench;

namespace StreamMetrics.Pipeline.Tests.Bench;

public sealed class BenchSourceTests
{
    private static readonly byte[][] Records = [[1], [2]];

    [Fact]
    public async Task Writes_every_record_with_increasing_offsets_per_partition_then_completes()
    {
        var channel = BenchSource.CreateChannel();
        var feeding = BenchSource.FeedAsync(channel.Writer, Records, 25_000, _ => { }, CancellationToken.None);
        var lastOffset = new Dictionary<int, long>();
        var read = 0;
        await foreach (var message in channel.Reader.ReadAllAsync())
        {
            var partition = message.Partition.Partition.Value;
            Assert.True(message.Offset.Value > lastOffset.GetValueOrDefault(partition, -1), $"offset {message.Offset.Value} of partition {partition} not after the last");
            lastOffset[partition] = message.Offset.Value;
            read++;
        }
        await feeding;
        Assert.Equal(25_000, read);
    }

    [Fact]
    public async Task A_cancelled_feed_waiting_on_a_full_channel_stops_and_completes_the_channel()
    {
        var channel = BenchSource.CreateChannel();
        using var cancel = new CancellationTokenSource();
        var feeding = BenchSource.FeedAsync(channel.Writer, Records, 1_000_000, _ => { }, cancel.Token);
        await Eventually.True(() => channel.Reader.Count == BenchSource.Capacity, "the channel filled", TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeding);
        // A completed channel reports its completion once what it holds has been read.
        while (channel.Reader.TryRead(out _))
        {
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
