using System.Collections.Concurrent;

namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The event counters behind "every N events" rules, one per (config, metric), shared by all instances of a config so
/// that the N-th, 2N-th, ... record over the whole event type is kept, however the events spread over instances.
/// Thread-safe. Holds one counter per event type x profile x metric in use.
/// </summary>
public sealed class SamplingCounters
{
    private readonly ConcurrentDictionary<(MetricConfig Config, string Metric), EventCounter> _counters = new();

    /// <summary>Records counted so far of <paramref name="metric"/> under <paramref name="config"/> (kept or not).</summary>
    public long Count(MetricConfig config, string metric) =>
        _counters.TryGetValue((config, metric), out var counter) ? counter.Value : 0;

    /// <summary>Drops the counters of <paramref name="config"/>, for an event type the pool forgot; a new instance of it counts afresh.</summary>
    internal void Forget(MetricConfig config)
    {
        foreach (var rule in config.Profile.Metrics)
            _counters.TryRemove((config, rule.Metric), out _);
    }

    /// <summary>The shared counter of <paramref name="metric"/> under <paramref name="config"/>; a recorder looks it up once.</summary>
    internal EventCounter For(MetricConfig config, string metric) => _counters.GetOrAdd((config, metric), static _ => new EventCounter());
}
