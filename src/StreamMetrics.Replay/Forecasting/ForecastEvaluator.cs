using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// Replays minute series through forecasting models online: each model observes bucket t and then forecasts buckets
/// t+h, so it only ever sees the past; a forecast is scored once its bucket is at least the warm-up. Functions run in
/// parallel, busiest first, each on its own fresh models, so the result does not depend on the scheduling.
/// </summary>
public static class ForecastEvaluator
{
    public const string MaseScaleDescription = "mean absolute one-step change of the function's whole series (in-sample naive MAE)";

    public static ForecastEvaluation Evaluate(
        string traceName,
        IReadOnlyList<MinuteSeries> series,
        ForecastEvaluationOptions options,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        var order = series.Select((s, i) => (Series: s, Index: i)).OrderByDescending(p => p.Series.Total).ToList();
        var traced = order.Take(options.TracedFunctions).Select(p => p.Index).ToHashSet();
        var results = new FunctionScores[series.Count];
        var traces = new ConcurrentDictionary<int, ForecastTrace>();
        var states = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var done = 0;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            item =>
            {
                var run = new FunctionRun(item.Series, options, traced.Contains(item.Index));
                results[item.Index] = run.Scores();
                if (run.Trace is not null)
                    traces[item.Index] = run.Trace;
                if (run.State is not null)
                    states[item.Series.Function] = run.State;
                progress?.Report(Interlocked.Increment(ref done));
            });

        var busy = results.Where(r => r.MeanPerMinute >= options.BusyThreshold).ToList();
        var reference = options.Models.Contains(options.RatioReference) ? options.RatioReference : null;
        var settings = new EvaluationSettings(
            options.Models, options.Horizons, options.Warmup, options.ModelOptions.SeasonLength, options.ModelOptions.Confidence,
            options.BusyThreshold, results.Length, busy.Count, series.Count == 0 ? 0 : series.Max(s => s.PerMinute.Length),
            MaseScaleDescription, options.FunctionSelection, Math.Round(stopwatch.Elapsed.TotalSeconds, 2), reference);
        var models = options.Models.ToDictionary(m => m, m => Aggregate(m, reference, options.Horizons, busy, results));
        var report = new ForecastReport(traceName, settings, models, results);
        return new ForecastEvaluation(report, traced.Order().Where(traces.ContainsKey).Select(i => traces[i]).ToList(), states);
    }

    private static ModelScores Aggregate(
        string model, string? reference, IReadOnlyList<int> horizons, List<FunctionScores> busy, FunctionScores[] all)
    {
        var totalVolume = all.Sum(f => (double)f.Invocations);
        var result = new Dictionary<string, HorizonScores>();
        foreach (var horizon in horizons)
        {
            var key = Key(horizon);
            var scores = busy.Select(f => f.Models[model].Horizons[key]).ToList();
            var mases = scores.Where(s => s.Mase.HasValue).Select(s => s.Mase!.Value).ToList();
            var weighted = totalVolume > 0 ? all.Sum(f => f.Models[model].Horizons[key].Mae * f.Invocations) / totalVolume : 0;
            result[key] = scores.Count == 0
                ? new HorizonScores(0, 0, null, 0, weighted, 0)
                : new HorizonScores(
                    scores.Average(s => s.Mae), scores.Average(s => s.Smape), mases.Count > 0 ? mases.Average() : null,
                    scores.Average(s => s.Coverage), weighted, scores.Count, RatioGeoMean(model, reference, key, busy));
        }
        return new ModelScores(result);
    }

    /// <summary>
    /// The geometric mean of per-function MAE ratios: a function with a hundred times the volume weighs no more than any
    /// other, and a model twice as good on one function and half as good on another comes out even.
    /// </summary>
    private static double? RatioGeoMean(string model, string? reference, string key, List<FunctionScores> functions)
    {
        if (reference is null)
            return null;
        var logs = functions
            .Select(f => (Own: f.Models[model].Horizons[key].Mae, Reference: f.Models[reference].Horizons[key].Mae))
            .Where(p => p.Own > 0 && p.Reference > 0)
            .Select(p => Math.Log(p.Own / p.Reference))
            .ToList();
        return logs.Count == 0 ? null : Math.Exp(logs.Average());
    }

    internal static string Key(int horizon) => horizon.ToString(CultureInfo.InvariantCulture);

    /// <summary>All models on one function.</summary>
    private sealed class FunctionRun
    {
        private readonly MinuteSeries _series;
        private readonly ForecastEvaluationOptions _options;
        private readonly Dictionary<string, ModelScores> _models = new(StringComparer.Ordinal);

        public FunctionRun(MinuteSeries series, ForecastEvaluationOptions options, bool traced)
        {
            _series = series;
            _options = options;
            var x = series.PerMinute;
            var naiveScale = 0.0;
            for (var t = 1; t < x.Length; t++)
                naiveScale += Math.Abs(x[t] - x[t - 1]);
            naiveScale = x.Length > 1 ? naiveScale / (x.Length - 1) : 0;
            foreach (var name in options.Models)
            {
                var primary = name == options.PrimaryModel;
                _models[name] = Run(name, x, naiveScale, primary && traced, primary && options.KeepStates);
            }
        }

        public ForecastTrace? Trace { get; private set; }

        public byte[]? State { get; private set; }

        public FunctionScores Scores() =>
            new(_series.Function, _series.Trigger, _series.MeanPerMinute, _series.Total, _models);

        private ModelScores Run(string name, int[] x, double naiveScale, bool trace, bool keepState)
        {
            var horizons = _options.Horizons;
            var accumulators = horizons.Select(_ => new ErrorAccumulator()).ToArray();
            var model = ForecastModels.Create(name, _options.ModelOptions);
            var traceHorizon = horizons.Contains(5) ? 5 : horizons[0];
            var first = Math.Min(_options.Warmup, x.Length);
            var forecasts = trace ? new Forecast[x.Length - first] : null;
            for (var t = 0; t < x.Length; t++)
            {
                model.Observe(x[t]);
                for (var i = 0; i < horizons.Count; i++)
                {
                    var target = t + horizons[i];
                    if (target < _options.Warmup || target >= x.Length)
                        continue;
                    var forecast = model.Predict(horizons[i]);
                    accumulators[i].Add(x[target], forecast);
                    if (forecasts is not null && horizons[i] == traceHorizon)
                        forecasts[target - first] = forecast;
                }
            }
            if (forecasts is not null)
            {
                Trace = new ForecastTrace(_series.Function, name, traceHorizon, first,
                    x.Skip(first).Select(v => (double)v).ToArray(),
                    forecasts.Select(f => f.Point).ToArray(), forecasts.Select(f => f.Lower).ToArray(), forecasts.Select(f => f.Upper).ToArray());
            }

            if (keepState)
                State = ForecasterState.Encode(null, 0, model);
            return new ModelScores(horizons.Select((h, i) => (h, i)).ToDictionary(p => Key(p.h), p => accumulators[p.i].Scores(naiveScale)));
        }
    }
}
