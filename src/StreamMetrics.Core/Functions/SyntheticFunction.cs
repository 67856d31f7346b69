using System.Text.Json;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// Stands in for real work: runs for the duration in the payload's top-level <c>durationMs</c> (clamped to 0..10 min), or
/// else one drawn from the configured distribution with a seeded <see cref="Random"/>. Waits or spins on the
/// <see cref="TimeProvider"/> (<see cref="SyntheticMode"/>). Reports the duration as its CPU time (the work it simulates,
/// whether or not it spun), and records <c>payload_bytes</c> and <c>result_bytes</c> (always 0: it returns nothing).
/// A wait ends on time on average: timers resume their awaiter late by the machine's timer latency, which a replay's
/// fast clock multiplies (0.7 ms of wall-clock time is 42 ms at speed 60, a tenth of a typical execution), so the
/// function waits its duration less the mean lateness of its recent waits.
/// </summary>
public sealed class SyntheticFunction : IFunction
{
    private readonly SyntheticFunctionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _randomGate = new();

    /// <summary>Weight of the newest lateness in <see cref="_latenessTicks"/>: about the last 256 waits.</summary>
    private const int LatenessMemory = 256;

    /// <summary>A lateness above this many times the mean is a stall of the process, not timer latency: it counts as this.</summary>
    private const int LatenessOutlier = 4;

    /// <summary>Lateness up to this always counts in full, so the mean can grow from zero.</summary>
    private static readonly long LatenessAlwaysCounted = TimeSpan.FromMilliseconds(10).Ticks;

    /// <summary>Mean lateness of recent waits, in <see cref="TimeSpan"/> ticks of the function's clock.</summary>
    private long _latenessTicks;

    public SyntheticFunction(SyntheticFunctionOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _time = time;
        _random = new Random(options.Seed);
    }

    public string Name => FunctionCatalog.Synthetic;

    public async ValueTask<FunctionResult> InvokeAsync(StreamEvent evt, IMetricRecorder metrics, CancellationToken ct)
    {
        var duration = DurationFromPayload(evt.Payload) ?? Draw();
        metrics.Record(MetricNames.PayloadBytes, evt.PayloadBytes);
        if (duration > TimeSpan.Zero)
        {
            if (_options.Mode == SyntheticMode.Busy)
                Spin(duration, ct);
            else
                await WaitAsync(duration, ct).ConfigureAwait(false);
        }
        metrics.Record(MetricNames.ResultBytes, 0);
        return new FunctionResult(null, duration);
    }

    /// <summary>Waits <paramref name="duration"/> less the mean lateness so far, and learns this wait's lateness.</summary>
    private async Task WaitAsync(TimeSpan duration, CancellationToken ct)
    {
        var lateness = Volatile.Read(ref _latenessTicks);
        var wait = duration - TimeSpan.FromTicks(lateness);
        if (wait <= TimeSpan.Zero)
            return;
        var start = _time.GetTimestamp();
        await Task.Delay(wait, _time, ct).ConfigureAwait(false);
        var late = Math.Max(0, (_time.GetElapsedTime(start) - wait).Ticks);
        late = Math.Min(late, Math.Max(LatenessOutlier * lateness, LatenessAlwaysCounted));
        Interlocked.Add(ref _latenessTicks, (late - lateness) / LatenessMemory);
    }

    private void Spin(TimeSpan duration, CancellationToken ct)
    {
        var start = _time.GetTimestamp();
        while (_time.GetElapsedTime(start) < duration)
        {
            ct.ThrowIfCancellationRequested();
            Thread.SpinWait(64);
        }
    }

    private TimeSpan Draw()
    {
        if (_options.Distribution == SyntheticDistribution.Fixed)
            return _options.Duration;
        double u;
        lock (_randomGate)
            u = _random.NextDouble();
        var milliseconds = -Math.Log(1 - u) * _options.Duration.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, SyntheticFunctionOptions.MaxDuration.TotalMilliseconds));
    }

    private static TimeSpan? DurationFromPayload(string? payload)
    {
        // Cheap pre-check: most payloads do not carry a duration, and parsing every one would dominate a noop-sized run.
        if (payload is null || !payload.Contains("\"durationMs\"", StringComparison.Ordinal))
            return null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("durationMs", out var value)
                || value.ValueKind != JsonValueKind.Number
                || !value.TryGetDouble(out var milliseconds)
                || !double.IsFinite(milliseconds))
            {
                return null;
            }

            return TimeSpan.FromMilliseconds(Math.Clamp(milliseconds, 0, SyntheticFunctionOptions.MaxDuration.TotalMilliseconds));
        }
        catch (JsonException)
        {
            // A payload that is not JSON is the producer's business; the function still runs, with a drawn duration.
            return null;
        }
    }
}
