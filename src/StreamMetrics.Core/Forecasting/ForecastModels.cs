namespace StreamMetrics.Core.Forecasting;

/// <summary>The model registry: the names the command line, the configuration and the reports use.</summary>
public static class ForecastModels
{
    public const string Naive = "naive";
    public const string SeasonalNaive = "seasonal-naive";
    public const string Ewma = "ewma";
    public const string HoltWinters = "holt-winters";
    public const string Ssa = "ssa";
    public const string Gbm = "gbm";
    public const string Auto = "auto";

    /// <summary>Every model name, in the order reports list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Naive, SeasonalNaive, Ewma, HoltWinters, Ssa, Gbm, Auto];

    /// <summary>The models that need nothing but their options (all but <c>gbm</c>, which needs a trained model file).</summary>
    public static IReadOnlyList<string> Standalone { get; } = [Naive, SeasonalNaive, Ewma, HoltWinters, Ssa, Auto];

    /// <summary>Creates a fresh model; throws <see cref="ArgumentException"/> naming the known models for an unknown name.</summary>
    public static ISavableForecastModel Create(string name, ForecastModelOptions options) => name switch
    {
        Naive => new NaiveModel(options),
        SeasonalNaive => new SeasonalNaiveModel(options),
        Ewma => new EwmaModel(options.EwmaAlpha, options.Z),
        HoltWinters => new HoltWintersModel(options),
        Ssa => new SsaModel(options),
        Gbm => new GbmModel(options),
        Auto => new AutoModel(options),
        _ => throw new ArgumentException($"model = '{name}', must be one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>A factory for <see cref="LoadForecaster"/> that gives every event type its own model of one name.</summary>
    public static Func<string, IForecastModel> Factory(string name, ForecastModelOptions options)
    {
        options.Validate();
        _ = Create(name, options);
        return _ => Create(name, options);
    }
}
