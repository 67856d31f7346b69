using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

public sealed class ExactLengthArrayPoolTests
{
    [Fact]
    public void A_returned_array_is_handed_out_again_only_for_its_own_length()
    {
        var pool = new ExactLengthArrayPool();
        var first = pool.Rent(95);
        var slots = new[] { first };

        pool.ReturnAll(slots);

        Assert.Null(slots[0]);
        Assert.Equal(1, pool.Idle);
        var other = pool.Rent(96);
        Assert.Equal(96, other.Length);
        Assert.NotSame(first, other);
        Assert.Same(first, pool.Rent(95));
        Assert.Equal(0, pool.Idle);
        Assert.NotSame(first, pool.Rent(95));
    }

    [Fact]
    public void Arrays_longer_than_the_limit_are_never_kept_and_the_pool_keeps_at_most_its_bound()
    {
        var pool = new ExactLengthArrayPool();
        pool.ReturnAll([new byte[ExactLengthArrayPool.MaxLength + 1]]);
        Assert.Equal(0, pool.Idle);
        Assert.Equal(ExactLengthArrayPool.MaxLength + 1, pool.Rent(ExactLengthArrayPool.MaxLength + 1).Length);

        pool.ReturnAll([.. Enumerable.Range(0, ExactLengthArrayPool.MaxKept + 10).Select(_ => new byte[8])]);
        Assert.Equal(ExactLengthArrayPool.MaxKept, pool.Idle);
    }
}
