using StreamMetrics.Core.Events;

namespace StreamMetrics.Core.Workload;

/// <summary>
/// A reproducible synthetic load: per type, a daily-like sine curve compressed into the run, with bursts on top, and
/// Poisson arrivals drawn from a seeded generator. The same seed and slices give the same events.
/// </summary>
public sealed class SyntheticWorkload
{
    /// <summary>The smallest payload drawn: <c>{"data":""}</c>.</summary>
    private const int EmptyPayloadBytes = 11;

    private readonly Random _random;

    /// <summary>Payload sizes have their own generator, so that the arrivals of a seed do not depend on them.</summary>
    private readonly Random _sizes;

    public SyntheticWorkload(IReadOnlyList<WorkloadType> types, TimeSpan runLength, int seed)
    {
        if (types.Count == 0)
            throw new ArgumentException("a workload needs at least one event type", nameof(types));
        if (runLength <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(runLength), $"run length = {runLength}, must be positive");
        Types = types;
        RunLength = runLength;
        _random = new Random(seed);
        _sizes = new Random(unchecked((seed * 31) + 1));
    }

    public IReadOnlyList<WorkloadType> Types { get; }

    public TimeSpan RunLength { get; }

    /// <summary>
    /// The demo's four types: a diurnal shop with order-sized payloads, a busy search with small queries, a trickle of
    /// mid-sized audit logs, and a bursty image resizer whose few events carry the largest payloads, so that it leads
    /// by data volume while search leads by rate.
    /// </summary>
    public static SyntheticWorkload Demo(TimeSpan runLength, int seed) => new(
    [
        new WorkloadType("checkout", 15, 0.8, 0.5, [new Burst(0.60, 0.10, 4)], MeanPayloadBytes: 800),
        new WorkloadType("search", 60, 0.5, 0.4, [], MeanPayloadBytes: 120),
        new WorkloadType("audit-log", 2, 0.2, 0.5, [], MeanPayloadBytes: 600),
        new WorkloadType("image-resize", 6, 0.6, 0.7, [new Burst(0.25, 0.08, 6)], MeanPayloadBytes: 3_000),
    ], runLength, seed);

    /// <summary>The arrival rate of <paramref name="type"/> at <paramref name="elapsed"/> into the run, events per second.</summary>
    public double RateAt(WorkloadType type, TimeSpan elapsed)
    {
        var position = elapsed / RunLength;
        var daily = 1 + type.DailyAmplitude * Math.Cos(2 * Math.PI * (position - type.PeakAt));
        var burst = type.Bursts.Where(b => b.Covers(position)).Select(b => b.Multiplier).DefaultIfEmpty(1).Max();
        return type.MeanRatePerSecond * daily * burst;
    }

    /// <summary>
    /// Every event of the run in time order, stamped from <paramref name="origin"/>, drawn slice by slice as it is read.
    /// </summary>
    public IEnumerable<StreamEvent> Events(DateTimeOffset origin, TimeSpan slice)
    {
        if (slice <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(slice), $"slice = {slice}, must be positive");
        for (var from = TimeSpan.Zero; from < RunLength; from += slice)
        {
            foreach (var evt in EventsBetween(from, from + slice < RunLength ? from + slice : RunLength, origin))
                yield return evt;
        }
    }

    /// <summary>
    /// The events arriving in [from, to) of the run, in time order, stamped from <paramref name="origin"/>.
    /// Slices must be asked for in order for the run to be reproducible.
    /// </summary>
    public IReadOnlyList<StreamEvent> EventsBetween(TimeSpan from, TimeSpan to, DateTimeOffset origin)
    {
        var events = new List<StreamEvent>();
        var seconds = (to - from).TotalSeconds;
        foreach (var type in Types)
        {
            var count = PoissonSample(RateAt(type, from + (to - from) / 2) * seconds);
            for (var i = 0; i < count; i++)
            {
                var at = origin + from + (to - from) * _random.NextDouble();
                events.Add(new StreamEvent(type.Name, $"{type.Name}-{_random.Next():x8}", at, Payload(type.MeanPayloadBytes)));
            }
        }
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return events;
    }

    /// <summary>A JSON payload of a drawn size around <paramref name="meanBytes"/>, or none for 0.</summary>
    private string? Payload(int meanBytes)
    {
        if (meanBytes <= 0)
            return null;
        var bytes = Math.Max(EmptyPayloadBytes, (int)Math.Round(meanBytes * (0.5 + _sizes.NextDouble())));
        return $$"""{"data":"{{new string('x', bytes - EmptyPayloadBytes)}}"}""";
    }

    private int PoissonSample(double mean)
    {
        if (mean <= 0)
            return 0;
        if (mean > 30)
        {
            // Normal approximation: exact enough for a workload and O(1) for large means.
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
        }
        // Knuth's multiplication method for small means.
        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }
        return k;
    }
}
