namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// Partition counts for the benchmark's topics. The embedded cluster keeps about 5 MiB (or 100,000 batches) per
/// partition and silently truncates older records, so each partition is planned to hold a fifth of that.
/// </summary>
internal static class BenchSizing
{
    /// <summary>What one partition is planned to hold: a fifth of what the embedded cluster keeps, for uneven spreads.</summary>
    public const long TargetBytesPerPartition = 1L << 20;

    /// <summary>What a record costs in the log besides its value: Kafka's record and batch framing and the key, generously.</summary>
    public const int RecordOverheadBytes = 40;

    public const int MinPartitions = 4;

    public const int MaxPartitions = 1024;

    /// <summary>Partitions for <paramref name="records"/> records of <paramref name="valueBytes"/> bytes each, spread evenly.</summary>
    public static int Partitions(long records, int valueBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ArgumentOutOfRangeException.ThrowIfNegative(valueBytes);
        var bytes = records * (valueBytes + RecordOverheadBytes);
        var needed = (bytes + TargetBytesPerPartition - 1) / TargetBytesPerPartition;
        if (needed > MaxPartitions)
            throw new ArgumentOutOfRangeException(nameof(records), records, $"{records} records of {valueBytes} bytes need {needed} partitions, more than {MaxPartitions}");
        return (int)Math.Max(MinPartitions, needed);
    }

    /// <summary>Whether a partition of <paramref name="bytes"/> stays within what the embedded cluster keeps.</summary>
    public static bool Fits(long bytes) => bytes <= 5 * TargetBytesPerPartition;
}
