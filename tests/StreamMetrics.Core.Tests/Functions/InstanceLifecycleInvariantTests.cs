using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using static StreamMetrics.Core.Tests.Functions.FakeClockLifecycle;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>
/// Random sequences of every transition, as concurrent invocations and the scaler would make them, checking after each
/// step that every instance is in exactly one state: the state counts add up to the instances alive, and the claimed and
/// running ones are exactly those the test's invocations hold.
/// </summary>
public sealed class InstanceLifecycleInvariantTests
{
    private static readonly MetricConfig[] Configs = [Standard, Debug, Search];

    private static readonly string[] Types = ["checkout", "search"];

    private readonly FakeClockLifecycle _fixture = new();

    // What the test's invocations hold: instances claimed and not run yet, instances running, waits for a hand-over.
    private readonly List<FunctionInstance> _claimed = [];
    private readonly List<FunctionInstance> _running = [];
    private readonly List<(MetricConfig Config, TaskCompletionSource<FunctionInstance> Waiter)> _waiters = [];
    private readonly Dictionary<string, int> _done = [];

    // When the cold starts not known to have ended will end, on the clock's timestamps.
    private readonly List<long> _coldStartEnds = [];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task After_every_step_of_a_random_sequence_each_instance_is_in_exactly_one_state(int seed)
    {
        var random = new Random(seed);
        for (var step = 0; step < 3000; step++)
        {
            var config = Configs[random.Next(Configs.Length)];
            lock (_fixture.Gate)
                Step(random, config);
            if (random.Next(8) == 0)
            {
                _fixture.Time.Advance(TimeSpan.FromMilliseconds(random.Next(300)));
                await ColdStartsEnded();
            }
            AssertEveryInstanceInOneState(step);
        }
        // The sequence went through every transition, so each had its chance to break the counts.
        foreach (var transition in new[] { "pre-warm", "claim idle", "stand in", "claim starting", "wait", "start", "run", "hand over", "idle", "unclaim", "cancel", "retire" })
            Assert.True(_done.GetValueOrDefault(transition) > 0, $"seed {seed}: no {transition}");
    }

    private void Step(Random random, MetricConfig config)
    {
        switch (random.Next(8))
        {
            case 0:
                var started = _fixture.Lifecycle.PreWarm(config, random.Next(3));
                _coldStartEnds.AddRange(Enumerable.Repeat(_fixture.Time.GetTimestamp() + ColdStartTicks, started));
                Done("pre-warm", started);
                break;
            case 1:
            case 2:
                Arrive(random, config);
                break;
            case 3:
                if (Pick(random, _claimed.Where(c => c.Ready.IsCompleted)) is { } ready)
                {
                    _fixture.Lifecycle.Run(ready);
                    Move(ready, _claimed, _running, "run");
                }
                break;
            case 4:
                if (Pick(random, _running) is { } running)
                    Finish(running);
                break;
            case 5:
                if (Pick(random, _claimed) is { } claimed)
                {
                    _fixture.Lifecycle.Unclaim(claimed);
                    _claimed.Remove(claimed);
                    Done("unclaim");
                }
                break;
            case 6:
                if (_waiters.Count > 0)
                    CancelWait(_waiters[random.Next(_waiters.Count)]);
                break;
            default:
                var retired = random.Next(3) switch
                {
                    0 => _fixture.Lifecycle.RetireIdle(TimeSpan.FromMilliseconds(random.Next(1000))),
                    1 => _fixture.Lifecycle.RetireAbove(config.EventType, random.Next(4), TimeSpan.FromMilliseconds(random.Next(1000))),
                    _ => _fixture.Lifecycle.RetireSuperseded(config),
                };
                Done("retire", retired);
                break;
        }
    }

    /// <summary>An invocation's claim, in the worker pool's order; it waits or starts an instance at random.</summary>
    private void Arrive(Random random, MetricConfig config)
    {
        if (_fixture.Lifecycle.ClaimIdle(config) is { } idle)
        {
            Hold(idle, _running, "claim idle");
        }
        else if (_fixture.Lifecycle.ClaimStandIn(config) is { } standIn)
        {
            Hold(standIn, _running, "stand in");
        }
        else if (_fixture.Lifecycle.ClaimStarting(config) is { } starting)
        {
            Hold(starting, _claimed, "claim starting");
        }
        else if (random.Next(2) == 0)
        {
            _waiters.Add((config, _fixture.Lifecycle.Wait(config)));
            Done("wait");
        }
        else
        {
            var instance = _fixture.Lifecycle.StartClaimed(config);
            _coldStartEnds.Add(instance.ReadyAt);
            Hold(instance, _claimed, "start");
        }
    }

    private void Finish(FunctionInstance instance)
    {
        _fixture.Lifecycle.Finish(instance);
        var first = _waiters.FindIndex(w => w.Config == instance.Config);
        if (first < 0)
        {
            _running.Remove(instance);
            Done("idle");
            return;
        }
        // The first waiter for the config now runs on the instance, which stays running.
        Assert.Same(instance, _waiters[first].Waiter.Task.Result);
        _waiters.RemoveAt(first);
        Done("hand over");
    }

    private void CancelWait((MetricConfig Config, TaskCompletionSource<FunctionInstance> Waiter) wait)
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        _fixture.Lifecycle.CancelWait(wait.Config, wait.Waiter, cancel.Token);
        Assert.True(wait.Waiter.Task.IsCanceled);
        _waiters.Remove(wait);
        Done("cancel");
    }

    private long ColdStartTicks => (long)(ColdStart.TotalSeconds * _fixture.Time.TimestampFrequency);

    /// <summary>Waits until every cold start due by now has ended, as the clock's timers end them.</summary>
    private async Task ColdStartsEnded()
    {
        var now = _fixture.Time.GetTimestamp();
        _coldStartEnds.RemoveAll(end => end <= now);
        await Eventually.True(
            () =>
            {
                lock (_fixture.Gate)
                    return Types.Sum(t => _fixture.Accounting.Of(t).Starting) == _coldStartEnds.Count && _claimed.All(c => c.ReadyAt > now || c.Ready.IsCompleted);
            },
            "the cold starts due by now have ended",
            WaitLimit);
    }

    private void AssertEveryInstanceInOneState(int step)
    {
        lock (_fixture.Gate)
        {
            var counts = Configs.Select(_fixture.Lifecycle.Counts).ToList();
            var alive = Types.Sum(t => _fixture.Accounting.Of(t).Instances);
            var starting = counts.Sum(c => c.Starting);
            var inColdStart = starting + _claimed.Count(c => !c.Ready.IsCompleted);
            Assert.True(
                counts.Sum(c => c.Starting + c.Claimed + c.Running + c.Idle) == alive
                && counts.Sum(c => c.Claimed) == _claimed.Count
                && counts.Sum(c => c.Running) == _running.Count
                && counts.Sum(c => c.Waiting) == _waiters.Count
                && Types.Sum(t => _fixture.Accounting.Of(t).Starting) == inColdStart,
                $"step {step}: states {string.Join(", ", counts)} of {alive} alive, {Types.Sum(t => _fixture.Accounting.Of(t).Starting)} in cold start; " +
                $"held {_claimed.Count} claimed, {_running.Count} running, {_waiters.Count} waiting");
        }
    }

    private void Hold(FunctionInstance instance, List<FunctionInstance> holders, string transition)
    {
        Assert.False(_claimed.Contains(instance) || _running.Contains(instance), $"{transition}: {instance.Id} is held already");
        holders.Add(instance);
        Done(transition);
    }

    private void Move(FunctionInstance instance, List<FunctionInstance> from, List<FunctionInstance> to, string transition)
    {
        from.Remove(instance);
        Hold(instance, to, transition);
    }

    private void Done(string transition, int times = 1) => _done[transition] = _done.GetValueOrDefault(transition) + times;

    private static FunctionInstance? Pick(Random random, IEnumerable<FunctionInstance> candidates)
    {
        var list = candidates.ToList();
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }
}
