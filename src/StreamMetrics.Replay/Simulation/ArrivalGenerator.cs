namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Turns one function's per-minute counts into invocations: within a minute, arrival times are the order statistics of
/// uniform draws (made in order from exponential spacings, so no sort) and each invocation gets an execution time.
/// Seeded per function, so every policy sees the same invocations and functions may run in any order.
/// </summary>
internal sealed class ArrivalGenerator : IArrivalSource
{
    private readonly int[] _perMinute;
    private readonly DurationSampler _durations;
    private readonly Random _random;

    public ArrivalGenerator(int[] perMinute, DurationSampler durations, int seed, int functionIndex)
    {
        _perMinute = perMinute;
        _durations = durations;
        _random = new Random(MixSeed(seed, functionIndex));
        MaxPerMinute = perMinute.Length == 0 ? 0 : perMinute.Max();
    }

    public int Minutes => _perMinute.Length;

    public int MaxPerMinute { get; }

    /// <summary>
    /// Writes minute <paramref name="minute"/>'s arrivals (seconds since the trace start, ascending) and execution times
    /// (seconds) into the buffers, which must hold <see cref="MaxPerMinute"/> + 1 values; returns the count.
    /// Minutes must be asked for in order.
    /// </summary>
    public int Fill(int minute, double[] arrivals, double[] durations)
    {
        var count = _perMinute[minute];
        if (count == 0)
            return 0;
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += -Math.Log(1 - _random.NextDouble());
            arrivals[i] = sum;
        }
        sum += -Math.Log(1 - _random.NextDouble());
        var start = minute * 60.0;
        for (var i = 0; i < count; i++)
            arrivals[i] = start + 60.0 * arrivals[i] / sum;
        for (var i = 0; i < count; i++)
            durations[i] = _durations.Sample(_random.NextDouble());
        return count;
    }

    private static int MixSeed(int seed, int functionIndex)
    {
        // SplitMix64 finaliser: nearby seeds and indexes give unrelated streams, identically on every run and machine.
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)functionIndex * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
