namespace StreamMetrics.Core.Metrics;

/// <summary>A thread-safe count of one metric's records under one config (see <see cref="SamplingCounters"/>).</summary>
internal sealed class EventCounter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    /// <summary>Counts one record; true when it is the n-th, 2n-th, ... since the counter was made.</summary>
    public bool Next(int n) => Interlocked.Increment(ref _value) % n == 0;
}
