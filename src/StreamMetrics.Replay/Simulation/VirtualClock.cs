namespace StreamMetrics.Replay.Simulation;

/// <summary>A clock that shows whatever time it was last set to: Core's components read a simulated moment through it.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
