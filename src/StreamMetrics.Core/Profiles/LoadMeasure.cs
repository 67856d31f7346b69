namespace StreamMetrics.Core.Profiles;

/// <summary>What the selection thresholds of a type are compared with (config key <c>by</c>).</summary>
public enum LoadMeasure
{
    /// <summary>Predicted events per second (<c>"rate"</c>, the default).</summary>
    Rate,

    /// <summary>Predicted payload bytes per second (<c>"bytes"</c>).</summary>
    Bytes,
}
