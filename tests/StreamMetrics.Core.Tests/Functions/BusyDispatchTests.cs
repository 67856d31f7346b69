using StreamMetrics.Core.Functions;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class BusyDispatchTests
{
    [Fact]
    public void A_running_execution_is_expected_to_end_at_the_mean_or_one_mean_later_once_past_it()
    {
        Assert.Equal(0.3, BusyDispatch.RemainingSeconds(0.2, 0.5), 9);
        Assert.Equal(0.5, BusyDispatch.RemainingSeconds(0.7, 0.5), 9);
    }

    [Fact]
    public void Queued_waiters_take_the_instances_in_order_of_their_expected_rest_one_execution_each()
    {
        // Two instances free in 0.4 and 0.1 s, mean 0.5 s. The 1st waiter takes the 0.1 one, the 2nd the 0.4 one,
        // the 3rd (queued = 2) waits for the 0.1 one's next execution: 0.1 + 0.5.
        Assert.Equal(0.1, BusyDispatch.ExpectedWaitSeconds(new double[] { 0.4, 0.1 }, 0, 0.5)!.Value, 9);
        Assert.Equal(0.4, BusyDispatch.ExpectedWaitSeconds(new double[] { 0.4, 0.1 }, 1, 0.5)!.Value, 9);
        Assert.Equal(0.6, BusyDispatch.ExpectedWaitSeconds(new double[] { 0.4, 0.1 }, 2, 0.5)!.Value, 9);
        Assert.Null(BusyDispatch.ExpectedWaitSeconds([], 0, 0.5));
    }
}
