using System.Text;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Partition lists as operators read them in a log line: <c>events[0-31]</c>, <c>events[0-3,7],forecaster-state[0-31]</c>,
/// instead of Confluent's <c>events [[0]],events [[1]],...</c>, which runs to hundreds of characters for one topic.
/// </summary>
public static class PartitionList
{
    /// <summary>Topics in name order, each with its partitions in ascending runs; duplicates count once; "none" for none.</summary>
    public static string Format(IEnumerable<TopicPartition> partitions)
    {
        var byTopic = partitions
            .GroupBy(p => p.Topic, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Format(g.Key, g.Select(p => p.Partition.Value)))
            .ToList();
        return byTopic.Count == 0 ? "none" : string.Join(",", byTopic);
    }

    /// <summary>One topic's partitions: <c>events[0-3,7,9-10]</c>.</summary>
    public static string Format(string topic, IEnumerable<int> partitions)
    {
        var sorted = partitions.Distinct().Order().ToList();
        var text = new StringBuilder(topic).Append('[');
        for (var i = 0; i < sorted.Count;)
        {
            var end = i;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
                end++;
            if (i > 0)
                text.Append(',');
            text.Append(sorted[i]);
            if (end > i)
                text.Append('-').Append(sorted[end]);
            i = end + 1;
        }
        return text.Append(']').ToString();
    }

    /// <summary>One partition: <c>events[3]</c>.</summary>
    public static string Format(TopicPartition partition) => Format(partition.Topic, [partition.Partition.Value]);
}
