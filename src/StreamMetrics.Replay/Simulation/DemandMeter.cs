namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// Invocation-seconds in flight per tick, from intervals [arrival, end): a ring of per-tick partial seconds plus a
/// difference array of intervals that cover whole ticks, so each interval costs O(1) whatever its length.
/// </summary>
internal sealed class DemandMeter
{
    private readonly double _tick;
    private readonly double[] _partial;
    private readonly int[] _delta;
    private int _running;

    /// <param name="tick">Tick length in seconds.</param>
    /// <param name="longestInterval">Longest interval that will be added, in seconds.</param>
    public DemandMeter(double tick, double longestInterval)
    {
        _tick = tick;
        var size = (int)Math.Ceiling(longestInterval / tick) + 4;
        _partial = new double[size];
        _delta = new int[size];
    }

    public void Add(double from, double to)
    {
        var first = (long)(from / _tick);
        var last = (long)(to / _tick);
        if (first == last)
        {
            _partial[Index(first)] += to - from;
            return;
        }
        _partial[Index(first)] += (first + 1) * _tick - from;
        _partial[Index(last)] += to - last * _tick;
        if (last > first + 1)
        {
            _delta[Index(first + 1)]++;
            _delta[Index(last)]--;
        }
    }

    /// <summary>Invocation-seconds in tick <paramref name="tick"/> (ticks must be closed in order, each once).</summary>
    public double Close(long tick)
    {
        var i = Index(tick);
        _running += _delta[i];
        var seconds = _running * _tick + _partial[i];
        _delta[i] = 0;
        _partial[i] = 0;
        return seconds;
    }

    private int Index(long tick) => (int)(tick % _partial.Length);
}
