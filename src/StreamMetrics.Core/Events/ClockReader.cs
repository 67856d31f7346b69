namespace StreamMetrics.Core.Events;

/// <summary>
/// Reads both clocks of a <see cref="TimeProvider"/> for the price of one, so that an event's stages can share one
/// reading: the timestamp, and the UTC time as the provider's UTC time at an earlier reading plus the timestamps elapsed
/// since, the UTC clock being read afresh once per <see cref="Interval"/> of timestamps. For a provider whose UTC time
/// follows its timestamps that is the provider's own UTC time (a fake clock's exactly, the scaled clock of a live
/// replay's to within a tick, the two roundings apart); on the system clock the UTC time
/// follows a step of the wall clock within the interval and otherwise differs from it by the two clocks' drift over
/// the interval. Not for a provider whose UTC time moves without its timestamps, as the simulator's virtual clock does.
/// Thread-safe.
/// </summary>
public sealed class ClockReader
{
    /// <summary>The most timestamps' worth of time between two readings of the UTC clock.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly double _ticksPerTimestamp;
    private readonly long _intervalTimestamps;
    private Anchor _anchor;

    public ClockReader(TimeProvider time)
    {
        _time = time;
        _ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / time.TimestampFrequency;
        _intervalTimestamps = (long)(Interval.TotalSeconds * time.TimestampFrequency);
        _anchor = ReadBoth();
    }

    /// <summary>The provider this reader reads.</summary>
    public TimeProvider Time => _time;

    /// <summary>Both clocks now, the provider read once (twice once per <see cref="Interval"/>).</summary>
    public ClockReading Read()
    {
        var timestamp = _time.GetTimestamp();
        var anchor = Volatile.Read(ref _anchor);
        var since = timestamp - anchor.Timestamp;
        if (since >= 0 && since < _intervalTimestamps)
            return new ClockReading(timestamp, anchor.UtcTicks + (long)(since * _ticksPerTimestamp));
        anchor = ReadBoth();
        Volatile.Write(ref _anchor, anchor);
        return new ClockReading(anchor.Timestamp, anchor.UtcTicks);
    }

    private Anchor ReadBoth() => new(_time.GetTimestamp(), _time.GetUtcNow().UtcTicks);

    /// <summary>A reading of both clocks, replaced as a whole so that a concurrent reader never mixes two.</summary>
    private sealed record Anchor(long Timestamp, long UtcTicks);
}
