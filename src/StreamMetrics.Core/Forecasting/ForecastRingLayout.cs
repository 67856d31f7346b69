namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The horizons forecasts are kept for and where each horizon's ring starts in one stream's slice of
/// <see cref="ForecastRings"/>. It depends only on the options, so every event type's model shares one: with 100,000
/// types, arrays of their own would cost tens of megabytes that all say the same.
/// </summary>
internal sealed class ForecastRingLayout
{
    public ForecastRingLayout(IReadOnlyList<int> horizons)
    {
        Horizons = [.. horizons];
        Offsets = new int[Horizons.Length];
        for (var k = 1; k < Horizons.Length; k++)
            Offsets[k] = Offsets[k - 1] + Horizons[k - 1];
        StreamLength = Offsets[^1] + Horizons[^1];
    }

    /// <summary>The horizons, ascending; read only.</summary>
    public int[] Horizons { get; }

    /// <summary>Where the ring of each horizon starts in a stream's slice; read only.</summary>
    public int[] Offsets { get; }

    /// <summary>Values one stream keeps: the sum of the horizons.</summary>
    public int StreamLength { get; }
}
