namespace StreamMetrics.Pipeline.Scaling;

/// <summary>The largest parallelism the scaling actor set the pool to, for the live view and the run summary.</summary>
public sealed class ParallelismPeak
{
    private int _max;

    public int Max => Volatile.Read(ref _max);

    internal void Record(int appliedParallelism)
    {
        int seen;
        while (appliedParallelism > (seen = Volatile.Read(ref _max)))
            Interlocked.CompareExchange(ref _max, appliedParallelism, seen);
    }
}
