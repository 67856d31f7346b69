using StreamMetrics.Hosting.Bench;

namespace StreamMetrics.Cli.Tests.Bench;

public sealed class BenchSizingTests
{
    [Theory]
    [InlineData(20_000L, 30)]
    [InlineData(1_000_000L, 30)]
    [InlineData(2_000_000L, 48)]
    [InlineData(6_000_000L, 60)]
    public void Every_partition_is_planned_well_below_what_the_embedded_cluster_keeps(long records, int valueBytes)
    {
        var partitions = BenchSizing.Partitions(records, valueBytes);

        var perPartition = records * (valueBytes + BenchSizing.RecordOverheadBytes) / partitions;
        Assert.True(perPartition <= BenchSizing.TargetBytesPerPartition, $"{perPartition} bytes per partition over {partitions} partitions");
        Assert.True(BenchSizing.Fits(perPartition * 4), "a partition with four times its share still fits the 5 MiB the cluster keeps");
    }

    [Fact]
    public void A_small_run_still_gets_the_minimum_partitions()
    {
        Assert.Equal(BenchSizing.MinPartitions, BenchSizing.Partitions(100, 30));
    }

    [Fact]
    public void More_than_the_largest_topic_is_refused_with_the_numbers()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BenchSizing.Partitions(1_000_000_000, 60));

        Assert.Contains("1000000000 records of 60 bytes", error.Message);
    }
}
