using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>The configurator's answer for one event: the config to run it with, and whether it changed.</summary>
/// <param name="Config">The metric config attached to the event.</param>
/// <param name="PreviousProfile">The profile the type had before this event, or null for a type's first event.</param>
public sealed record ProfileChoice(MetricConfig Config, string? PreviousProfile)
{
    public bool Switched => PreviousProfile is not null && PreviousProfile != Config.Profile.Name;
}
