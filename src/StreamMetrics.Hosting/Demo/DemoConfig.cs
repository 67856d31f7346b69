namespace StreamMetrics.Hosting.Demo;

/// <summary>
/// The demo's configuration, written as a user would write <c>--config</c>: thresholds that the demo workload crosses
/// during its compressed day, the image resizer (few events, large payloads) chosen by its data volume, audit logs
/// pinned to full tracing, and function durations per type.
/// </summary>
internal static class DemoConfig
{
    public const string Json = """
        {
          "selection": {
            "low": 8, "medium": 40, "hysteresis": 0.2,
            "types": {
              "image-resize": { "by": "bytes", "low": 20000, "medium": 40000 },
              "audit-log": { "pin": "debug" }
            }
          },
          "functions": {
            "checkout":     { "function": "synthetic", "durationMs": 30 },
            "search":       { "function": "synthetic", "durationMs": 5 },
            "audit-log":    { "function": "echo" },
            "image-resize": { "function": "synthetic", "durationMs": 80 }
          },
          "pool": { "coldStart": "250ms", "keepAlive": "10s", "maxParallelism": 64 }
        }
        """;
}
