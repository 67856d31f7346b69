using Confluent.Kafka;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// Where the live view starts reading each partition: a little in the past, so that its first refresh already shows
/// every type and full rates instead of filling up over a window.
/// </summary>
internal static class LiveStart
{
    /// <summary>
    /// Records read back on the low-volume topics whatever their age: per-type floors are published only when they
    /// change, so the current one can be old; and a cluster that cannot look offsets up by time (the embedded one
    /// answers "end") still shows every type's last forecasts at once.
    /// </summary>
    private static readonly Dictionary<string, long> RecentRecords = new(StringComparer.Ordinal)
    {
        [StandardTopics.Forecasts] = 100,
        [StandardTopics.Scaling] = 1_000,
    };

    public static List<TopicPartitionOffset> Positions(IConsumer<Ignore, byte[]> consumer, IEnumerable<TopicPartition> partitions, DateTimeOffset since, TimeSpan timeout)
    {
        var byTime = consumer.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, new Timestamp(since))), timeout);
        return byTime.Select(position =>
        {
            if (!RecentRecords.TryGetValue(position.Topic, out var keep))
                return position;
            var marks = consumer.QueryWatermarkOffsets(position.TopicPartition, timeout);
            var recent = Math.Max(marks.Low.Value, marks.High.Value - keep);
            var atTime = position.Offset == Offset.End ? marks.High.Value : position.Offset.Value;
            return new TopicPartitionOffset(position.TopicPartition, Math.Min(recent, atTime));
        }).ToList();
    }
}
