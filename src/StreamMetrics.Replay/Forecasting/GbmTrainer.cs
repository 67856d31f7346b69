using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// Trains the global gradient-boosted regression of <c>gbm</c> with ML.NET FastTree on many functions' histories
/// (features in <see cref="GbmFeatures"/>) and exports the trees into a <see cref="GbmEnsemble"/>, which the
/// forecaster evaluates without ML.NET.
/// </summary>
public static class GbmTrainer
{
    public static GbmEnsemble Train(IReadOnlyList<MinuteSeries> functions, GbmTrainingOptions options) =>
        Fit(functions, options).Ensemble;

    /// <summary>Trains and returns both the exported ensemble and ML.NET's own model of it (to check the export).</summary>
    internal static (GbmEnsemble Ensemble, ITransformer MlModel, MLContext Context) Fit(IReadOnlyList<MinuteSeries> functions, GbmTrainingOptions options)
    {
        options.Validate();
        var rows = functions.SelectMany(f => Rows(f.PerMinute, options)).ToList();
        if (rows.Count < 10 * options.MinimumRowsPerLeaf)
            throw new ArgumentException($"only {rows.Count} training rows from {functions.Count} functions; gbm needs busier or more functions");

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(GbmRow.Label),
            FeatureColumnName = nameof(GbmRow.Features),
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
        });
        var transformer = trainer.Fit(data);
        var trained = transformer.Model.TrainedTreeEnsemble;
        var trees = trained.Trees.Select((tree, i) =>
        {
            if (tree.CategoricalSplitFlags.Any(flag => flag))
                throw new InvalidOperationException("FastTree produced a categorical split; the gbm features are all numeric");
            return new GbmTree(tree.LeftChild.ToArray(), tree.RightChild.ToArray(), tree.NumericalSplitFeatureIndexes.ToArray(),
                tree.NumericalSplitThresholds.ToArray(), tree.LeafValues.ToArray(), trained.TreeWeights[i]);
        }).ToList();
        var withoutQuantiles = new GbmEnsemble(trained.Bias, trees, [0], [], options.BucketsPerDay);
        var quantiles = ErrorQuantiles(rows, withoutQuantiles, options);
        var ensemble = new GbmEnsemble(trained.Bias, trees, quantiles, functions.Select(f => f.Function).ToList(), options.BucketsPerDay);
        return (ensemble, transformer, ml);
    }

    /// <summary>Training rows of one function: every <see cref="GbmTrainingOptions.RowStride"/> buckets, one per horizon.</summary>
    internal static IEnumerable<GbmRow> Rows(int[] series, GbmTrainingOptions options)
    {
        var latest = new double[GbmFeatures.ScaleWindow];
        for (var t = 0; t < series.Length; t += options.RowStride)
        {
            var n = Math.Min(t + 1, GbmFeatures.ScaleWindow);
            for (var i = 0; i < n; i++)
                latest[i] = series[t - n + 1 + i];
            foreach (var horizon in options.Horizons)
            {
                if (t + horizon >= series.Length)
                    continue;
                var features = new float[GbmFeatures.Count];
                var scale = GbmFeatures.Build(latest.AsSpan(0, n), horizon, t + horizon, options.BucketsPerDay, features);
                if (scale <= 0)
                    continue;
                var target = (float)(series[t + horizon] / scale);
                yield return new GbmRow { Features = features, Label = Math.Min(target, (float)options.LabelCap), Uncapped = target, Horizon = horizon };
            }
        }
    }

    /// <summary>
    /// The absolute scaled error not exceeded at the confidence level, per horizon 1..max trained horizon; horizons
    /// without rows take the value interpolated between their trained neighbours.
    /// </summary>
    private static double[] ErrorQuantiles(List<GbmRow> rows, GbmEnsemble ensemble, GbmTrainingOptions options)
    {
        var measured = rows
            .GroupBy(r => r.Horizon)
            .ToDictionary(g => g.Key, g =>
            {
                var errors = g.Select(r => Math.Abs(r.Uncapped - ensemble.Evaluate(r.Features))).Order().ToArray();
                return errors[Math.Min(errors.Length - 1, (int)Math.Ceiling(options.Confidence * errors.Length) - 1)];
            });
        var max = options.Horizons.Max();
        var result = new double[max];
        var known = measured.Keys.Order().ToArray();
        for (var h = 1; h <= max; h++)
        {
            var below = known.LastOrDefault(k => k <= h, known[0]);
            var above = known.FirstOrDefault(k => k >= h, known[^1]);
            result[h - 1] = below == above
                ? measured[below]
                : measured[below] + (measured[above] - measured[below]) * (h - below) / (above - below);
        }
        return result;
    }
}
