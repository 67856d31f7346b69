namespace StreamMetrics.Replay.Simulation;

/// <summary>Where a function's invocations come from, minute by minute: the seeded trace generator or a fixed list.</summary>
internal interface IArrivalSource
{
    int Minutes { get; }

    /// <summary>Most invocations in one minute (buffers hold one more).</summary>
    int MaxPerMinute { get; }

    /// <summary>Writes a minute's arrival times (seconds since the start, ascending) and execution times; returns the count.</summary>
    int Fill(int minute, double[] arrivals, double[] durations);
}
