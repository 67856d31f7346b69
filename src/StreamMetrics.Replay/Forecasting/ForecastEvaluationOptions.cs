using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>How <see cref="ForecastEvaluator"/> replays a trace through the models.</summary>
public sealed class ForecastEvaluationOptions
{
    /// <summary>Models to evaluate, by registry name; default every model of <see cref="ForecastModels.Standalone"/>.</summary>
    public IReadOnlyList<string> Models { get; init; } = ForecastModels.Standalone;

    /// <summary>Buckets ahead to score, each 1 to 1440; default 1, 5 and 15.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 5, 15];

    /// <summary>Leading buckets of each series that are observed but not scored, 0 or more; default 120.</summary>
    public int Warmup { get; init; } = 120;

    /// <summary>Mean arrivals per bucket from which a function counts as busy for the mean scores; default 1.</summary>
    public double BusyThreshold { get; init; } = 1;

    /// <summary>Busiest functions whose actual and forecast series are kept for a plot, 0 to 20; default 4.</summary>
    public int TracedFunctions { get; init; } = 4;

    /// <summary>Whether to keep each function's final state of the first of <c>auto</c> or the first model; default false.</summary>
    public bool KeepStates { get; init; }

    /// <summary>Functions evaluated at once; default the number of processors.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Which functions of the trace are evaluated, in words, for the report; default all of them.</summary>
    public string FunctionSelection { get; init; } = "all functions of the trace";

    /// <summary>
    /// The model each model's per-function MAE is divided by for the geometric-mean ratio, by registry name; default
    /// <c>ewma</c>. The ratio is left out when this model is not among <see cref="Models"/>.
    /// </summary>
    public string RatioReference { get; init; } = ForecastModels.Ewma;

    /// <summary>Settings of the models themselves.</summary>
    public ForecastModelOptions ModelOptions { get; init; } = new();

    /// <summary>The model whose states are kept and whose forecasts are traced: <c>auto</c> when evaluated, else the first.</summary>
    public string PrimaryModel => Models.Contains(ForecastModels.Auto) ? ForecastModels.Auto : Models[0];

    public void Validate()
    {
        if (Models.Count == 0)
            throw new ArgumentException("models is empty, name at least one of " + string.Join(", ", ForecastModels.Names));
        foreach (var model in Models)
        {
            if (!ForecastModels.Names.Contains(model))
                throw new ArgumentException($"models contains '{model}', must be among {string.Join(", ", ForecastModels.Names)}");
        }

        if (Models.Distinct().Count() != Models.Count)
            throw new ArgumentException($"models = {string.Join(",", Models)} names a model twice");
        if (Horizons.Count == 0 || Horizons.Any(h => h is < 1 or > 1440))
            throw new ArgumentException($"horizons = {string.Join(",", Horizons)}, each must be between 1 and 1440");
        if (Warmup < 0)
            throw new ArgumentException($"warmup = {Warmup}, must be 0 or more");
        if (BusyThreshold < 0)
            throw new ArgumentException($"busy-threshold = {BusyThreshold}, must be 0 or more");
        if (TracedFunctions is < 0 or > 20)
            throw new ArgumentException($"traced-functions = {TracedFunctions}, must be between 0 and 20");
        if (Parallelism < 1)
            throw new ArgumentException($"parallelism = {Parallelism}, must be at least 1");
        ModelOptions.Validate();
    }
}
