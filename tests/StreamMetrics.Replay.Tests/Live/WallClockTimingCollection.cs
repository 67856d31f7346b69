namespace StreamMetrics.Replay.Tests.Live;

/// <summary>
/// Tests that wait on the replay clock's timers run alone: the timers hand their callbacks to the thread pool, which
/// the simulator's parallel loops in other tests can keep busy for seconds on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockTimingCollection
{
    public const string Name = "wall-clock timing";
}
