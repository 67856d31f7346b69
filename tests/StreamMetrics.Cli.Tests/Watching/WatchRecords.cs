using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Cli.Tests.Watching;

/// <summary>Records as the operators' topics carry them, built by hand for the status board's tests.</summary>
internal static class WatchRecords
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A forecast made <paramref name="at"/> seconds after <see cref="Start"/> in a 10 s bucket starting at <paramref name="bucket"/> seconds.</summary>
    /// <param name="bytes">Forecast payload bytes of the next bucket (bounds half and twice it); null for a record without them.</param>
    public static ForecastRecord Forecast(string type, double at, long arrivals, double bucket = 0, double point = 20, TypeStatus? status = null, double? bytes = null) =>
        new(new TypeForecast(type, Start.AddSeconds(bucket), TimeSpan.FromSeconds(10), arrivals, new Forecast(point, point / 2, point * 2))
        {
            Bytes = bytes is { } b ? new ByteForecast(0, new Forecast(b, b / 2, b * 2)) : null,
        }, Start.AddSeconds(at))
        {
            Status = status ?? TypeStatus.Unknown,
        };

    public static ScalingRecord Decision(string scope, int desired, double at, string policy = "predictive") =>
        new(new ScaleDecision(scope, desired, "forecast upper 40/s"), desired - 1, policy, Start.AddSeconds(at));

    public static MetricSample Sample(string type, string profile, double at) =>
        new(type, profile, "latency_ms", 1.5, Start.AddSeconds(at), "i-1");
}
