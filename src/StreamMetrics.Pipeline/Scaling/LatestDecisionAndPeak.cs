using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>The latest scaling decision and the largest pool size reached, for the live view and the run summary.</summary>
public sealed class LatestDecisionAndPeak
{
    private ScaleDecision? _latest;
    private int _poolSizeMax;

    public ScaleDecision? Latest => Volatile.Read(ref _latest);

    /// <summary>The largest parallelism the pool was set to.</summary>
    public int PoolSizeMax => Volatile.Read(ref _poolSizeMax);

    internal void Record(ScaleDecision decision, int appliedPoolSize)
    {
        Volatile.Write(ref _latest, decision);
        int seen;
        while (appliedPoolSize > (seen = Volatile.Read(ref _poolSizeMax)))
            Interlocked.CompareExchange(ref _poolSizeMax, appliedPoolSize, seen);
    }
}
