using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Cli.Commands;

/// <summary>
/// <c>streammetrics forecast TRACE.csv</c>: runs the forecasting models online over every function of an Azure minute
/// trace and reports their accuracy; optionally plots the busiest functions and writes per-type states to start from.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var trace = TraceOptions.Trace();
        var models = new Option<string>("--models")
        {
            Description = "Comma-separated models to evaluate; gbm is added when --train or --gbm-model gives it a model",
            DefaultValueFactory = _ => string.Join(",", ForecastModels.Standalone),
        };
        var horizons = CommonOptions.List("--horizons", "Comma-separated buckets ahead to score", "1,5,15",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h >= 1
                ? (h, null)
                : (0, (string?)"is not a whole number of buckets of at least 1, e.g. --horizons 1,5,15"));
        var warmup = new Option<int>("--warmup") { Description = "Leading minutes observed but not scored", DefaultValueFactory = _ => 120 };
        var season = new Option<int>("--season")
        {
            Description = "Season length in minutes for seasonal-naive and holt-winters (with less history than one season seasonal-naive " +
                "forecasts the last value; with less than two, holt-winters runs without a seasonal term)",
            DefaultValueFactory = _ => 1440,
        };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the bounds, 0.5 to 0.999", DefaultValueFactory = _ => 0.95 }
            .Within(0.5, 0.999);
        var report = new Option<FileInfo?>("--report") { Description = "Write the full report (aggregates and every function) as JSON to this file" };
        var plot = new Option<FileInfo?>("--plot") { Description = "Draw actual vs forecast with bounds for the busiest functions to this PNG file" };
        var saveState = new Option<DirectoryInfo?>("--save-state")
        {
            Description = "Write each function's trained state (of auto, or the first model) to DIR/<function>.state for `run --forecaster-state DIR`",
        };

        var train = new Option<FileInfo?>("--train")
        {
            Description = "Train the global gbm model on the training split of the trace's functions (with --split eval, of the tuning " +
                "half's) and write it to this file; the evaluation then covers only the functions it was not trained on",
        };
        var gbmModel = new Option<FileInfo?>("--gbm-model")
        {
            Description = "Load a gbm model file (from --train) and evaluate it, and auto with it, on the functions it was not trained on",
        };

        var split = TraceOptions.Split(
            "Evaluate only one half of the trace's functions, split by a hash of the function id: tune (the half " +
            "forecasting choices are made on), eval (the half that only measures) or all");

        var command = new Command("forecast", "Evaluate the forecasting models on a recorded minute trace (each model sees only the past)")
        {
            trace, models, horizons, warmup, season, confidence, report, plot, saveState, train, gbmModel, split,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(train) is not null && result.GetResult(gbmModel) is not null)
                result.AddError("--train and --gbm-model exclude each other: --train already evaluates the model it trains; give one");
        });
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(trace)!;
            var all = AzureTraceReader.ReadMinutes(path);
            var half = FunctionSplit.ParseHalf(parse.GetValue(split)!);
            var series = FunctionSplit.Select(all, half);
            var halfSelection = FunctionSplit.Describe(half, series.Count, all.Count);
            // gbm learns from the tuning half only, so that nothing evaluated on the evaluation half was fitted to it.
            var trainable = half == FunctionHalf.Evaluation ? FunctionSplit.Select(all, FunctionHalf.Tuning) : series;
            (var gbm, series, var selection) = PrepareGbm(series, trainable, parse.GetValue(train), parse.GetValue(gbmModel), parse.GetValue(confidence));
            if (half != FunctionHalf.All)
                selection = gbm is null ? halfSelection : $"{halfSelection}; of those, {selection}";

            var modelNames = SplitList(parse.GetValue(models)!);
            if (gbm is not null && !modelNames.Contains(ForecastModels.Gbm))
                modelNames.Insert(modelNames.Contains(ForecastModels.Auto) ? modelNames.IndexOf(ForecastModels.Auto) : modelNames.Count, ForecastModels.Gbm);
            var options = new ForecastEvaluationOptions
            {
                Models = modelNames,
                Horizons = parse.GetValue(horizons)!,
                Warmup = parse.GetValue(warmup),
                KeepStates = parse.GetValue(saveState) is not null,
                FunctionSelection = selection,
                ModelOptions = new ForecastModelOptions { SeasonLength = parse.GetValue(season), Confidence = parse.GetValue(confidence), Gbm = gbm },
            };
            options.Validate();
            foreach (var name in options.Models)
                _ = ForecastModels.Create(name, options.ModelOptions);
            await Console.Error.WriteLineAsync(
                $"forecast: {series.Count} functions, models {string.Join(",", options.Models)}, horizons {string.Join(",", options.Horizons)}, " +
                $"{options.Parallelism} threads");
            var evaluation = await new ProgressDisplay(Console.Error, TimeProvider.System).RunAsync("forecast", "functions", progress => Task.Run(
                () => ForecastEvaluator.Evaluate(Path.GetFileName(path), series, options,
                    new SyncProgress<int>(done => progress.Report(new ProgressUpdate(done, series.Count))), cancellationToken),
                cancellationToken));

            Console.Write(ForecastTable.Format(evaluation.Report));
            if (parse.GetValue(report) is { } reportFile)
            {
                await ForecastReportJson.WriteAsync(evaluation.Report, reportFile.FullName, cancellationToken);
                await Console.Error.WriteLineAsync($"forecast: report written to {reportFile.FullName}");
            }
            if (parse.GetValue(plot) is { } plotFile)
            {
                if (evaluation.Traces.Count == 0)
                {
                    await Console.Error.WriteLineAsync("forecast: no function to plot, no plot written");
                }
                else
                {
                    ForecastPlot.SavePng(evaluation.Traces, plotFile.FullName);
                    await Console.Error.WriteLineAsync($"forecast: plot of {evaluation.Traces.Count} busiest functions written to {plotFile.FullName}");
                }
            }
            if (parse.GetValue(saveState) is { } stateDirectory)
            {
                stateDirectory.Create();
                foreach (var (function, bytes) in evaluation.States)
                    await File.WriteAllBytesAsync(Path.Combine(stateDirectory.FullName, function + ".state"), bytes, cancellationToken);
                await Console.Error.WriteLineAsync(
                    $"forecast: {evaluation.States.Count} {options.PrimaryModel} states written to {stateDirectory.FullName}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Trains (on the functions of <paramref name="trainable"/> not held out) or loads the gbm model, and narrows
    /// <paramref name="series"/> to the functions it was not trained on.
    /// </summary>
    private static (GbmEnsemble? Model, IReadOnlyList<MinuteSeries> Series, string Selection) PrepareGbm(
        IReadOnlyList<MinuteSeries> series, IReadOnlyList<MinuteSeries> trainable, FileInfo? trainTo, FileInfo? loadFrom, double confidence)
    {
        GbmEnsemble model;
        if (trainTo is not null)
        {
            var training = trainable.Where(s => !FunctionSplit.IsHeldOut(s.Function)).ToList();
            Console.Error.WriteLine($"forecast: training gbm on {training.Count} functions ({FunctionSplit.Description})");
            var clock = Stopwatch.StartNew();
            model = GbmTrainer.Train(training, new GbmTrainingOptions { Confidence = confidence });
            using (var stream = File.Create(trainTo.FullName))
                model.Save(stream);
            Console.Error.WriteLine($"forecast: gbm with {model.Trees.Count} trees trained in {clock.Elapsed.TotalSeconds:F1} s, written to {trainTo.FullName}");
        }
        else if (loadFrom is not null)
        {
            using var stream = File.OpenRead(loadFrom.FullName);
            model = GbmEnsemble.Load(stream);
        }
        else
        {
            return (null, series, "all functions of the trace");
        }
        var trained = model.TrainingFunctions.ToHashSet(StringComparer.Ordinal);
        var heldOut = series.Where(s => !trained.Contains(s.Function)).ToList();
        var selection = $"{heldOut.Count} of {series.Count} functions that gbm was not trained on ({FunctionSplit.Description})";
        return (model, heldOut, selection);
    }

    private static List<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

}
