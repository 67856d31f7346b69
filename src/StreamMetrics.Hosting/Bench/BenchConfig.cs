using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Bench;

namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// The configuration every benchmark path runs with, written as a user would write <c>--config</c>: a noop function for
/// every type, so the pipeline's own cost is measured, and a pool that starts instances at once and at full
/// parallelism, so neither cold starts nor the scaling actor's ramp-up (absent on the in-memory path) shape the rates.
/// </summary>
internal static class BenchConfig
{
    public static StreamMetricsConfig For(BenchProfile profile, int types) => StreamMetricsConfig.Parse(Json(profile, types), "bench configuration");

    internal static string Json(BenchProfile profile, int types)
    {
        var selection = profile switch
        {
            // Thresholds cannot hold every type on one profile (medium must exceed low, and a type's first forecast is
            // 0), so every type the benchmark sends is pinned.
            BenchProfile.Minimal => $$"""{ "types": { {{Pins(types, "minimal")}} } }""",
            BenchProfile.Debug => $$"""{ "types": { {{Pins(types, "debug")}} } }""",
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

    /// <summary>Every type the benchmark sends (<see cref="BenchEvents.TypeName"/>), pinned to <paramref name="profile"/>.</summary>
    private static string Pins(int types, string profile) =>
        string.Join(", ", Enumerable.Range(0, types).Select(i => $"\"{BenchEvents.TypeName(i)}\": {{ \"pin\": \"{profile}\" }}"));
}
