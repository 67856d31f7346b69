using System.IO.Hashing;
using System.Text;

namespace StreamMetrics.Pipeline.State;

/// <summary>
/// The partition librdkafka's default partitioner (<c>consistent_random</c>) picks for a non-empty key: CRC-32 of the
/// key's bytes modulo the partition count. Events are produced keyed by their type as UTF-8, so this tells which input
/// partition, and hence which co-partitioned state partition, a type lives in. A producer with another partitioner
/// (the Java client's murmur2) breaks this correspondence; the state hand-over then restores the wrong types.
/// </summary>
internal static class KeyPartitioner
{
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var bytes = Encoding.UTF8.GetBytes(key);
        return (int)(Crc32.HashToUInt32(bytes) % (uint)partitions);
    }
}
