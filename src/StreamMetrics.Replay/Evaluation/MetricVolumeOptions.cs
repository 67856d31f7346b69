using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>What the metric-volume figures are counted with: the pipeline's profiles and selection, and where the input comes from.</summary>
public sealed class MetricVolumeOptions
{
    /// <summary>The profiles, as the service's config defines them. Default the built-ins.</summary>
    public ProfileCatalog Profiles { get; init; } = ProfileCatalog.BuiltIn;

    /// <summary>How the configurator chooses a profile, as the service's config sets it. Default the built-in selection.</summary>
    public ProfileSelectorOptions Selection { get; init; } = new();

    /// <summary>The input topic each record names as its source (part of its size). Default <c>events</c>, the service's.</summary>
    public string InputTopic { get; init; } = "events";

    /// <summary>Share of a function's minutes counted as high load (its top decile). Range (0, 1); default 0.1.</summary>
    public double HighLoadShare { get; init; } = 0.1;

    public void Validate()
    {
        Selection.Validate("selection.", Profiles);
        if (string.IsNullOrEmpty(InputTopic))
            throw new ArgumentException("input-topic must not be empty");
        if (HighLoadShare is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(HighLoadShare), $"high-load-share = {HighLoadShare}, must be in (0, 1)");
    }
}
