namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// One regression tree of a boosted ensemble, in the layout ML.NET's FastTree exposes: node i sends a feature value
/// less than or equal to <see cref="Thresholds"/>[i] to <see cref="Left"/>[i], otherwise to <see cref="Right"/>[i];
/// a negative child c is the leaf ~c.
/// </summary>
public sealed record GbmTree(int[] Left, int[] Right, int[] Features, float[] Thresholds, double[] Leaves, double Weight)
{
    public double Evaluate(ReadOnlySpan<float> features)
    {
        if (Left.Length == 0)
            return Weight * Leaves[0];
        var node = 0;
        while (node >= 0)
            node = features[Features[node]] <= Thresholds[node] ? Left[node] : Right[node];
        return Weight * Leaves[~node];
    }
}
