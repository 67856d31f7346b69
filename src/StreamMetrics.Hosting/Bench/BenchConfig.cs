using System.Globalization;
using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// The configuration every benchmark path runs with, written as a user would write <c>--config</c>: a noop function for
/// every type, so the pipeline's own cost is measured, and a pool that starts instances at once and at full
/// parallelism, so neither cold starts nor the scaling actor's ramp-up (absent on the in-memory path) shape the rates.
/// </summary>
internal static class BenchConfig
{
    /// <summary>A predicted rate no type reaches: thresholds this high keep every type on minimal.</summary>
    private const double Unreachable = 1e12;

    public static StreamMetricsConfig For(BenchProfile profile) => StreamMetricsConfig.Parse(Json(profile), "bench configuration");

    internal static string Json(BenchProfile profile)
    {
        var selection = profile switch
        {
            BenchProfile.Minimal => string.Create(CultureInfo.InvariantCulture, $$"""{ "low": {{Unreachable}}, "medium": {{Unreachable}} }"""),
            BenchProfile.Debug => """{ "low": 0, "medium": 0 }""",
            _ => "{}",
        };
        return $$"""
            {
              "selection": {{selection}},
              "functions": { "*": { "function": "noop" } },
              "pool": { "coldStart": "0ms", "maxParallelism": 64, "initialParallelism": 64 }
            }
            """;
    }
}
