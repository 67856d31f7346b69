using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

public sealed class GbmTests
{
    private static readonly GbmTrainingOptions Small = new() { Trees = 30, Leaves = 8, MinimumRowsPerLeaf = 20, RowStride = 3 };

    [Fact]
    public void The_exported_trees_predict_what_ml_net_predicts()
    {
        var functions = Synthetic(8, seed: 3);
        var (ensemble, mlModel, context) = GbmTrainer.Fit(functions, Small);
        var engine = context.Model.CreatePredictionEngine<GbmRow, ScoreRow>(mlModel);
        var rows = GbmTrainer.Rows(functions[0].PerMinute, Small).Take(300).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
            Assert.Equal(engine.Predict(row).Score, ensemble.Evaluate(row.Features), 3);
    }

    [Fact]
    public void A_saved_model_loads_with_the_same_trees_and_forecasts()
    {
        var ensemble = GbmTrainer.Train(Synthetic(6, seed: 4), Small);
        using var stream = new MemoryStream();
        ensemble.Save(stream);
        stream.Position = 0;
        var loaded = GbmEnsemble.Load(stream);
        Assert.Equal(ensemble.TrainingFunctions, loaded.TrainingFunctions);

        var a = new GbmModel(new ForecastModelOptions { Gbm = ensemble });
        var b = new GbmModel(new ForecastModelOptions { Gbm = loaded });
        foreach (var value in Synthetic(1, seed: 5)[0].PerMinute.Take(200))
        {
            a.Observe(value);
            b.Observe(value);
        }
        var restored = new GbmModel(new ForecastModelOptions { Gbm = loaded });
        restored.ReadState(new BinaryReader(new MemoryStream(ForecasterStateBytes(a))));
        for (var h = 1; h <= 15; h++)
        {
            Assert.Equal(a.Predict(h), b.Predict(h));
            Assert.Equal(a.Predict(h), restored.Predict(h));
        }
        Assert.True(a.Predict(1).Point > 0);
    }

    private static byte[] ForecasterStateBytes(GbmModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            model.WriteState(writer);
        return stream.ToArray();
    }

    [Fact]
    public void Gbm_learns_a_pattern_shared_by_functions_it_was_not_trained_on()
    {
        // Every function alternates a high and a low minute around its own level: the global model, trained on
        // some of them, forecasts a held-out one better than the last value does.
        var functions = Synthetic(10, seed: 6);
        var ensemble = GbmTrainer.Train(functions.Take(8).ToList(), Small);
        var options = new ForecastEvaluationOptions
        {
            Models = [ForecastModels.Naive, ForecastModels.Gbm],
            Horizons = [1],
            ModelOptions = new ForecastModelOptions { Gbm = ensemble },
        };
        var report = ForecastEvaluator.Evaluate("synthetic", functions.Skip(8).ToList(), options).Report;
        Assert.True(report.Models["gbm"].Horizons["1"].Mae < 0.5 * report.Models["naive"].Horizons["1"].Mae,
            $"gbm {report.Models["gbm"].Horizons["1"].Mae:F3} vs naive {report.Models["naive"].Horizons["1"].Mae:F3}");
    }

    [Fact]
    public void Auto_leaves_gbm_out_without_a_model_and_gbm_alone_is_refused()
    {
        var auto = new AutoModel(new ForecastModelOptions());
        Assert.DoesNotContain(auto.RollingErrors, e => e.Model == ForecastModels.Gbm);
        var error = Assert.Throws<ArgumentException>(() => ForecastModels.Create(ForecastModels.Gbm, new ForecastModelOptions()));
        Assert.Contains("gbm", error.Message);
    }

    [Fact]
    public void The_split_holds_out_about_30_percent_of_the_real_functions()
    {
        var functions = AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1);
        var heldOut = functions.Count(f => FunctionSplit.IsHeldOut(f.Function));
        Assert.InRange(heldOut, 0.2 * functions.Count, 0.4 * functions.Count);
    }

    private static List<MinuteSeries> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var level = random.Next(20, 200);
            var counts = Enumerable.Range(0, 600).Select(t => (t % 2 == 0 ? 2 * level : level / 2) + random.Next(0, 5)).ToArray();
            return new MinuteSeries($"fn-{seed}-{i}", "http", counts);
        }).ToList();
    }

    public sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
