using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

public sealed class AvroBufferWriterTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(-65L)]
    [InlineData(8191L)]
    [InlineData(8192L)]
    [InlineData(1_764_324_000_123L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void A_number_written_into_an_array_of_its_announced_length_fills_it_exactly(long value)
    {
        var length = AvroBufferWriter.LongLength(value);
        var exact = new byte[length];
        var writer = new AvroBufferWriter(exact);

        writer.WriteLong(value);

        Assert.Same(exact, writer.Buffer);
        Assert.Equal(length, writer.Length);
        var roomy = new AvroBufferWriter(new byte[16]);
        roomy.WriteLong(value);
        Assert.Equal(roomy.Written.ToArray(), exact);
    }
}
