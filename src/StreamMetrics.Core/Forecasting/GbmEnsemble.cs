namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// A trained global gradient-boosted regression (see <see cref="GbmFeatures"/>), evaluated here without ML.NET so
/// that the pipeline only needs the model file. It also carries the absolute scaled error at the forecast confidence
/// for each horizon (measured on its training rows) and the functions it was trained on, so that evaluations can
/// leave them out.
/// </summary>
public sealed class GbmEnsemble
{
    private const string Magic = "streammetrics-gbm";
    private const int Version = 1;

    public GbmEnsemble(double bias, IReadOnlyList<GbmTree> trees, double[] errorQuantiles, IReadOnlyList<string> trainingFunctions, int bucketsPerDay)
    {
        if (errorQuantiles.Length == 0)
            throw new ArgumentException("a model needs the error quantile of at least horizon 1", nameof(errorQuantiles));
        Bias = bias;
        Trees = trees;
        ErrorQuantiles = errorQuantiles;
        TrainingFunctions = trainingFunctions;
        BucketsPerDay = bucketsPerDay;
    }

    public double Bias { get; }

    public IReadOnlyList<GbmTree> Trees { get; }

    /// <summary>ErrorQuantiles[h-1]: absolute error of the scaled forecast at horizon h not exceeded at the model's confidence.</summary>
    public double[] ErrorQuantiles { get; }

    public IReadOnlyList<string> TrainingFunctions { get; }

    public int BucketsPerDay { get; }

    /// <summary>The scaled forecast for one feature vector.</summary>
    public double Evaluate(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        foreach (var tree in Trees)
            sum += tree.Evaluate(features);
        return sum;
    }

    /// <summary>The scaled error bound at <paramref name="horizon"/>; beyond the measured horizons it grows with the square root.</summary>
    public double ErrorQuantile(int horizon)
    {
        var last = ErrorQuantiles.Length;
        return horizon <= last ? ErrorQuantiles[horizon - 1] : ErrorQuantiles[last - 1] * Math.Sqrt((double)horizon / last);
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(GbmFeatures.Count);
        writer.Write(BucketsPerDay);
        writer.Write(Bias);
        writer.Write(ErrorQuantiles.Length);
        foreach (var q in ErrorQuantiles)
            writer.Write(q);
        writer.Write(TrainingFunctions.Count);
        foreach (var function in TrainingFunctions)
            writer.Write(function);
        writer.Write(Trees.Count);
        foreach (var tree in Trees)
        {
            writer.Write(tree.Weight);
            writer.Write(tree.Left.Length);
            for (var i = 0; i < tree.Left.Length; i++)
            {
                writer.Write(tree.Left[i]);
                writer.Write(tree.Right[i]);
                writer.Write(tree.Features[i]);
                writer.Write(tree.Thresholds[i]);
            }
            writer.Write(tree.Leaves.Length);
            foreach (var leaf in tree.Leaves)
                writer.Write(leaf);
        }
    }

    public static GbmEnsemble Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
            throw new InvalidDataException("not a streammetrics gbm model file");
        var version = reader.ReadInt32();
        if (version != Version)
            throw new InvalidDataException($"gbm model file version {version}, this build reads version {Version}");
        var featureCount = reader.ReadInt32();
        if (featureCount != GbmFeatures.Count)
            throw new InvalidDataException($"gbm model uses {featureCount} features, this build computes {GbmFeatures.Count}");
        var bucketsPerDay = reader.ReadInt32();
        var bias = reader.ReadDouble();
        var quantiles = new double[reader.ReadInt32()];
        for (var i = 0; i < quantiles.Length; i++)
            quantiles[i] = reader.ReadDouble();
        var functions = new string[reader.ReadInt32()];
        for (var i = 0; i < functions.Length; i++)
            functions[i] = reader.ReadString();
        var trees = new GbmTree[reader.ReadInt32()];
        for (var t = 0; t < trees.Length; t++)
        {
            var weight = reader.ReadDouble();
            var nodes = reader.ReadInt32();
            var (left, right, features, thresholds) = (new int[nodes], new int[nodes], new int[nodes], new float[nodes]);
            for (var i = 0; i < nodes; i++)
            {
                left[i] = reader.ReadInt32();
                right[i] = reader.ReadInt32();
                features[i] = reader.ReadInt32();
                thresholds[i] = reader.ReadSingle();
                if (features[i] < 0 || features[i] >= featureCount)
                    throw new InvalidDataException($"gbm tree {t} node {i} splits on feature {features[i]} of {featureCount}");
            }
            var leaves = new double[reader.ReadInt32()];
            for (var i = 0; i < leaves.Length; i++)
                leaves[i] = reader.ReadDouble();
            trees[t] = new GbmTree(left, right, features, thresholds, leaves, weight);
        }
        return new GbmEnsemble(bias, trees, quantiles, functions, bucketsPerDay);
    }
}
