using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Tests.Simulation;

public sealed class DispatchRuleTests
{
    [Fact]
    public void An_arrival_waits_for_an_instance_free_within_the_cold_start_else_starts_one()
    {
        // 1 s executions, 1 s cold start. t=10 starts instance A (busy until 12). t=10.2: A is free in 1.8 s, more than
        // a cold start, so B starts cold (busy until 12.2). t=11.5: A is free in 0.5 s, so it waits 500 ms, warm.
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 1), (10.2, 1), (11.5, 1)));

        Assert.Equal(3, run.Invocations);
        Assert.Equal(2, run.ColdStarts);
        Assert.Equal(500, run.QueueMaxMs, 0);
        Assert.Equal(2, run.PeakInstances);
    }

    [Fact]
    public void An_arrival_waits_by_the_expected_end_of_a_running_execution_not_by_the_end_it_drew()
    {
        // 1 s executions. t=10 starts A cold (ready 11, done 12). t=12 takes A idle for a 10 s execution (to 22). t=12.5:
        // A has run 0.5 s, so it is expected to be free in 0.5 s; the arrival waits, and A takes it at 22 (9.5 s later),
        // where knowing the drawn end would have started an instance. t=14: A has run past its mean, so it is expected
        // to take one mean more, and then the waiter ahead: 2 s, more than a cold start, so t=14 starts cold.
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 1), (12, 10), (12.5, 1), (14, 1)));

        Assert.Equal(2, run.ColdStarts);
        Assert.Equal(9500, run.QueueMaxMs, 0);
    }

    [Fact]
    public void The_expected_execution_time_is_the_mean_of_the_executions_that_have_ended()
    {
        // Recorded mean 1 s, but A's first execution ends at 11.1 after 0.1 s. t=12 takes A for 10 s. t=12.05 and
        // t=12.06 expect A free in 0.05 s and 0.15 s: both wait. By the recorded mean the second would expect 1.95 s,
        // and counting the 10 s execution from its start would give a 5 s mean: either would start an instance. After
        // 22 the mean includes the 10 s (about 2.6 s): t=22.3 takes A, and t=22.5 expects 2.4 s and starts cold.
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 0.1), (12, 10), (12.05, 0.1), (12.06, 0.1), (22.3, 1), (22.5, 0.1)));

        Assert.Equal(2, run.ColdStarts);
        Assert.Equal(10040, run.QueueMaxMs, 0); // t=12.06 ran at 22.1, after the waiter ahead of it
    }

    [Fact]
    public void An_idle_warm_instance_serves_at_once()
    {
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 1), (30, 1), (50, 1)));

        Assert.Equal(1, run.ColdStarts);
        Assert.Equal(0, run.QueueMaxMs);
        Assert.Equal(1, run.PeakInstances);
    }

    [Fact]
    public void Keep_alive_retires_at_exactly_ten_minutes_idle()
    {
        // Cold at 0.5 s: ready at 1.5, idle from 2.5; retired at 602.5.
        var justInside = Scenarios.Run("keepalive", new FixedArrivals(15, (0.5, 1), (602.49, 1)));
        var justOutside = Scenarios.Run("keepalive", new FixedArrivals(15, (0.5, 1), (602.51, 1)));
        var alone = Scenarios.Run("keepalive", new FixedArrivals(15, (0.5, 1)));

        Assert.Equal(1, justInside.ColdStarts);
        Assert.Equal(2, justOutside.ColdStarts);
        Assert.Equal(602.0, alone.InstanceSeconds, 6);
        Assert.Equal(601.0, alone.IdleInstanceSeconds, 6);
    }

    [Fact]
    public void Zero_millisecond_executions_are_floored_at_one_millisecond()
    {
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 0)), durationMs: 0);
        var function = new SimulatedFunction(0, "f", [1], Scenarios.Constant("f", 0));
        var drawn = new FunctionSimulation(function, PolicyCatalog.Get("keepalive"), new SimulationOptions(), false).Run();

        Assert.Equal(0, run.ExecutionSeconds);
        Assert.Equal(0.001, drawn.ExecutionSeconds, 9);
    }

    [Fact]
    public void Oracle_has_no_cold_starts_and_pays_only_for_useful_warmth()
    {
        // Two runs 0.5 s apart (kept: cheaper than restarting) and one 100 s later (restarted just in time).
        var run = Scenarios.Run("oracle", new FixedArrivals(3, (10, 1), (11.5, 1), (111.5, 1)));

        Assert.Equal(0, run.ColdStarts);
        // 1 s start + 1 s run + 0.5 s idle + 1 s run, then 1 s start + 1 s run.
        Assert.Equal(5.5, run.InstanceSeconds, 6);
    }

    [Fact]
    public void Per_function_cold_start_overrides_the_default()
    {
        var options = new SimulationOptions { ColdStartByFunction = new Dictionary<string, TimeSpan> { ["f"] = TimeSpan.FromSeconds(5) } };
        // With a 5 s cold start, t=10.2 waits for the starting instance (free at 16) instead of starting its own... no:
        // 16 - 10.2 = 5.8 s > 5 s, so it starts cold; t=14 waits 2 s for A.
        var run = Scenarios.Run("keepalive", new FixedArrivals(2, (10, 1), (10.2, 1), (14, 1)), options: options);

        Assert.Equal(2, run.ColdStarts);
        Assert.Equal(2000, run.QueueMaxMs, 0);
    }
}
