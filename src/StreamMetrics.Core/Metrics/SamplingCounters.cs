using System.Collections.Concurrent;

namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The event counters behind "every N events" rules, one per (config, metric), shared by all instances of a config so
/// that the N-th, 2N-th, ... record over the whole event type is taken, however the events spread over instances.
/// Thread-safe. Holds one counter per event type x profile x metric in use.
/// </summary>
public sealed class SamplingCounters
{
    private readonly ConcurrentDictionary<(MetricConfig Config, string Metric), Counter> _counters = new();

    /// <summary>Counts one record of <paramref name="metric"/> under <paramref name="config"/>; true on every <paramref name="n"/>-th.</summary>
    public bool Take(MetricConfig config, string metric, int n)
    {
        var counter = _counters.GetOrAdd((config, metric), static _ => new Counter());
        return Interlocked.Increment(ref counter.Value) % n == 0;
    }

    /// <summary>Records counted so far of <paramref name="metric"/> under <paramref name="config"/> (taken or not).</summary>
    public long Count(MetricConfig config, string metric) =>
        _counters.TryGetValue((config, metric), out var counter) ? Interlocked.Read(ref counter.Value) : 0;

    private sealed class Counter
    {
        public long Value;
    }
}
