namespace StreamMetrics.Hosting.Bench;

/// <summary>Which metric profile the benchmark's events run with: pinned to the lightest or the heaviest, or chosen by the configurator.</summary>
public enum BenchProfile
{
    Minimal,
    Debug,
    Adaptive,
}
