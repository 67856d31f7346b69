namespace StreamMetrics.Replay.Forecasting;

/// <summary>How <see cref="GbmTrainer"/> builds its rows and trains the FastTree regression.</summary>
public sealed class GbmTrainingOptions
{
    /// <summary>Horizons (buckets ahead) that training rows are made for; the model takes the horizon as a feature. Default 1, 2, 3, 5, 8, 12, 15.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 2, 3, 5, 8, 12, 15];

    /// <summary>Every how many buckets a function yields a row, 1 to 60; default 2.</summary>
    public int RowStride { get; init; } = 2;

    /// <summary>Boosted trees, 10 to 2000; default 200.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree, 2 to 256; default 31.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Fewest rows per leaf, 1 or more; default 50.</summary>
    public int MinimumRowsPerLeaf { get; init; } = 50;

    /// <summary>Learning rate, 0.001 to 1; default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>
    /// Labels (target count over the type's recent mean) above this are cut to it, so that a few huge bursts do not
    /// dominate the squared loss; 1 or more, default 20.
    /// </summary>
    public double LabelCap { get; init; } = 20;

    /// <summary>Confidence level of the error quantiles stored for the bounds, 0.5 to 0.999; default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Buckets in a day, for the bucket-of-day feature; default 1440 (minutes).</summary>
    public int BucketsPerDay { get; init; } = 1440;

    /// <summary>Seed of ML.NET's random choices, so that training is repeatable; default 1.</summary>
    public int Seed { get; init; } = 1;

    public void Validate()
    {
        if (Horizons.Count == 0 || Horizons.Any(h => h is < 1 or > 1440))
            throw new ArgumentException($"gbm-horizons = {string.Join(",", Horizons)}, each must be between 1 and 1440");
        if (RowStride is < 1 or > 60)
            throw new ArgumentException($"gbm-row-stride = {RowStride}, must be between 1 and 60");
        if (Trees is < 10 or > 2000)
            throw new ArgumentException($"gbm-trees = {Trees}, must be between 10 and 2000");
        if (Leaves is < 2 or > 256)
            throw new ArgumentException($"gbm-leaves = {Leaves}, must be between 2 and 256");
        if (MinimumRowsPerLeaf < 1)
            throw new ArgumentException($"gbm-min-rows-per-leaf = {MinimumRowsPerLeaf}, must be at least 1");
        if (LearningRate is < 0.001 or > 1)
            throw new ArgumentException($"gbm-learning-rate = {LearningRate}, must be between 0.001 and 1");
        if (LabelCap < 1)
            throw new ArgumentException($"gbm-label-cap = {LabelCap}, must be at least 1");
        if (Confidence is < 0.5 or > 0.999)
            throw new ArgumentException($"confidence = {Confidence}, must be between 0.5 and 0.999");
        if (BucketsPerDay < 2)
            throw new ArgumentException($"buckets-per-day = {BucketsPerDay}, must be at least 2");
    }
}
