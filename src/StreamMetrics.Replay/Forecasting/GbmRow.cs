using Microsoft.ML.Data;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>One training example of the global model: features at one bucket of one function and the scaled target.</summary>
public sealed class GbmRow
{
    public float Label { get; set; }

    [VectorType(GbmFeatures.Count)]
    public float[] Features { get; set; } = [];

    /// <summary>The horizon of the row (also a feature); kept apart for the per-horizon error quantiles.</summary>
    [NoColumn]
    public int Horizon { get; set; }

    /// <summary>The target divided by the scale, before the label cap.</summary>
    [NoColumn]
    public float Uncapped { get; set; }
}
