using StreamMetrics.Core.Functions;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class IdleInstancesTests
{
    private static InstanceLifecycle.IdleInstance Idle(long since) => new(null!, since);

    [Fact]
    public void Reuse_takes_the_newest_and_retirement_the_oldest_across_wraps_and_growth()
    {
        var idle = new IdleInstances();
        var expected = new LinkedList<long>();
        var next = 0L;
        // Adds, takes and retirements in a pattern that wraps the ring and grows it twice, checked against a list.
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < 1 + (round % 5); i++)
            {
                idle.AddNewest(Idle(next));
                expected.AddLast(next++);
            }
            if (round % 3 == 0 && idle.TryTakeNewest(out var newest))
            {
                Assert.Equal(expected.Last!.Value, newest.Since);
                expected.RemoveLast();
            }
            if (round % 2 == 0 && idle.TryPeekOldest(out var oldest))
            {
                Assert.Equal(expected.First!.Value, oldest.Since);
                idle.RemoveOldest();
                expected.RemoveFirst();
            }
            Assert.Equal(expected.Count, idle.Count);
        }
        Assert.True(expected.Count > 16, "the ring grew past its first sizes");
        while (idle.TryTakeNewest(out var newest))
        {
            Assert.Equal(expected.Last!.Value, newest.Since);
            expected.RemoveLast();
        }
        Assert.Empty(expected);
        Assert.False(idle.TryPeekOldest(out _));
        Assert.Throws<InvalidOperationException>(idle.RemoveOldest);
    }
}
