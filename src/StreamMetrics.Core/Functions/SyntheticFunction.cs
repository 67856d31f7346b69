using System.Text;
using System.Text.Json;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// Stands in for real work: runs for the duration in the payload's top-level <c>durationMs</c> (clamped to 0..10 min), or
/// else one drawn from the configured distribution with a seeded <see cref="Random"/>. Waits or spins on the
/// <see cref="TimeProvider"/> (<see cref="SyntheticMode"/>). Reports the duration as its CPU time (the work it simulates,
/// whether or not it spun), and records <c>payload_bytes</c> and <c>result_bytes</c> (always 0: it returns nothing).
/// </summary>
public sealed class SyntheticFunction : IFunction
{
    private readonly SyntheticFunctionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _randomGate = new();

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
        metrics.Record(MetricNames.PayloadBytes, evt.Payload is null ? 0 : Encoding.UTF8.GetByteCount(evt.Payload));
        if (duration > TimeSpan.Zero)
        {
            if (_options.Mode == SyntheticMode.Busy)
                Spin(duration, ct);
            else
                await Task.Delay(duration, _time, ct).ConfigureAwait(false);
        }
        metrics.Record(MetricNames.ResultBytes, 0);
        return new FunctionResult(null, duration);
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
                return null;
            return TimeSpan.FromMilliseconds(Math.Clamp(milliseconds, 0, SyntheticFunctionOptions.MaxDuration.TotalMilliseconds));
        }
        catch (JsonException)
        {
            // A payload that is not JSON is the producer's business; the function still runs, with a drawn duration.
            return null;
        }
    }
}
