using MathNet.Numerics.Distributions;

namespace StreamMetrics.Core.Forecasting;

/// <summary>Settings shared by the forecasting models; one bucket is the forecaster's bucket length (a minute by default).</summary>
public sealed class ForecastModelOptions
{
    /// <summary>Confidence level of the forecast bounds, 0.5 to 0.999; default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Buckets in one season, 2 to 20,160; default 1440 (a day of minutes). <c>seasonal-naive</c> falls back to the last
    /// value until one season has been seen; <c>holt-winters</c> runs without a seasonal term until two seasons have.
    /// </summary>
    public int SeasonLength { get; init; } = 1440;

    /// <summary>Smoothing factor of <c>ewma</c>, 0.01 to 1; default 0.3 (a step is tracked to 1/e of its size in about 3 buckets).</summary>
    public double EwmaAlpha { get; init; } = 0.3;

    /// <summary>Buckets of history <c>holt-winters</c> fits its smoothing parameters on when it has no season yet, 30 to 10,000; default 360.</summary>
    public int HoltWintersFitWindow { get; init; } = 360;

    /// <summary>
    /// Most seasonal terms of <c>holt-winters</c>, 2 to 20,160; a longer season is cut into equal blocks of buckets that
    /// share a term (default 96: a day of minutes has one term per 15 minutes, a season of 24 buckets one per bucket).
    /// </summary>
    public int HoltWintersSeasonTerms { get; init; } = 96;

    /// <summary>Buckets between two parameter fits of <c>holt-winters</c>, 1 to 10,000; default 60.</summary>
    public int HoltWintersRefitEvery { get; init; } = 60;

    /// <summary>Window length L of <c>ssa</c> (rows of the trajectory matrix), 3 to 200; default 30.</summary>
    public int SsaWindow { get; init; } = 30;

    /// <summary>Latest buckets N that <c>ssa</c> decomposes, at least twice the window, at most 5,000; default 180.</summary>
    public int SsaSeriesLength { get; init; } = 180;

    /// <summary>Buckets between two decompositions of <c>ssa</c>, 1 to 10,000; default 15.</summary>
    public int SsaRefitEvery { get; init; } = 15;

    /// <summary>Share of the trajectory's variance the <c>ssa</c> components must explain, 0.5 to 1; default 0.9.</summary>
    public double SsaExplainedVariance { get; init; } = 0.9;

    /// <summary>Most components <c>ssa</c> keeps, 1 to the window; default 8.</summary>
    public int SsaMaxRank { get; init; } = 8;

    /// <summary>
    /// Buckets ahead at which <c>auto</c> scores its candidates and its own forecasts, each 1 to 60, ascending, at most 8;
    /// default 1, 2, 5 and 15. A forecast for another horizon uses the scores of the nearest scored horizon below it (the
    /// first for a shorter one). <see cref="AutoHorizon"/> is scored too.
    /// </summary>
    public IReadOnlyList<int> AutoHorizons { get; init; } = [1, 2, 5, 15];

    /// <summary>Buckets ahead whose rolling errors pick the leading candidate (<see cref="AutoModel.Current"/>), 1 to 60; default 5.</summary>
    public int AutoHorizon { get; init; } = 5;

    /// <summary>
    /// Buckets over which <c>auto</c> averages a candidate's absolute error (exponential window), 5 to 10,000; default 480
    /// (8 hours of minutes): a candidate better on the whole keeps its weight through a short stretch where another does better.
    /// </summary>
    public int AutoErrorWindow { get; init; } = 480;

    /// <summary>
    /// How much lower (relative) another candidate's rolling error must be before <c>auto</c>'s leading candidate switches
    /// to it, 0 to 0.9; default 0.1 (10 %).
    /// </summary>
    public double AutoHysteresis { get; init; } = 0.1;

    /// <summary>
    /// Exponent p of <c>auto</c>'s weights: a candidate weighs in proportion to its rolling error to the power -p, so a
    /// candidate with 10 % more error than another weighs 1.1^-p times as much (0.1 at the default); 0 (equal weights) to 64;
    /// default 24. A high power makes the combination follow the best candidate at each horizon closely, while a candidate
    /// within a few percent of it keeps a share.
    /// </summary>
    public double AutoWeightPower { get; init; } = 24;

    /// <summary>
    /// Share of <c>auto</c>'s weights spread equally over the candidates, 0 to 1, the rest following the errors; default 0.
    /// A share keeps every candidate in every forecast, at a cost in accuracy where one candidate is clearly the best.
    /// </summary>
    public double AutoShrinkage { get; init; }

    /// <summary>
    /// How fast <c>auto</c>'s bounds adapt to its own misses, 0.001 to 1; default 0.05. A bound is the candidates' bound
    /// (weighted like their points) times a factor that grows by e^(step (1 - miss share)) after each forecast whose bucket
    /// fell outside it and shrinks by e^(step * miss share) after each inside, the miss share being 1 - <see cref="Confidence"/>.
    /// </summary>
    public double AutoIntervalStep { get; init; } = 0.05;

    /// <summary>
    /// Models <c>auto</c> runs side by side; default ewma, naive, seasonal-naive, holt-winters, ssa and gbm, where
    /// gbm takes part only when a trained model (<see cref="Gbm"/>) is loaded.
    /// </summary>
    public IReadOnlyList<string> AutoCandidates { get; init; } = ["ewma", "naive", "seasonal-naive", "holt-winters", "ssa", "gbm"];

    /// <summary>The trained global model for <c>gbm</c>; default none (then <c>gbm</c> is absent).</summary>
    public GbmEnsemble? Gbm { get; init; }

    /// <summary>The two-sided standard-normal quantile of <see cref="Confidence"/> (1.96 at 95 %).</summary>
    public double Z => Normal.InvCDF(0, 1, 0.5 + Confidence / 2);

    /// <summary>
    /// The horizons <c>auto</c> scores (<see cref="AutoHorizons"/> and <see cref="AutoHorizon"/>, ascending), worked out
    /// once and shared by every event type's model.
    /// </summary>
    internal ForecastRingLayout AutoLayout => _autoLayout ??= new ForecastRingLayout(AutoHorizons.Append(AutoHorizon).Distinct().Order().ToArray());

    private ForecastRingLayout? _autoLayout;

    /// <summary>Set once a validation passed: the options cannot change after construction, and every new event type's model validates them.</summary>
    private bool _valid;

    public void Validate()
    {
        if (_valid)
            return;
        Check(Confidence is >= 0.5 and <= 0.999, $"confidence = {Confidence}, must be between 0.5 and 0.999");
        Check(SeasonLength is >= 2 and <= 20_160, $"season = {SeasonLength}, must be between 2 and 20160 buckets");
        Check(EwmaAlpha is >= 0.01 and <= 1, $"ewma-alpha = {EwmaAlpha}, must be between 0.01 and 1");
        Check(HoltWintersFitWindow is >= 30 and <= 10_000, $"holt-winters-fit-window = {HoltWintersFitWindow}, must be between 30 and 10000");
        Check(HoltWintersSeasonTerms is >= 2 and <= 20_160, $"holt-winters-season-terms = {HoltWintersSeasonTerms}, must be between 2 and 20160");
        Check(HoltWintersRefitEvery is >= 1 and <= 10_000, $"holt-winters-refit-every = {HoltWintersRefitEvery}, must be between 1 and 10000");
        Check(SsaWindow is >= 3 and <= 200, $"ssa-window = {SsaWindow}, must be between 3 and 200");
        Check(SsaSeriesLength >= 2 * SsaWindow && SsaSeriesLength <= 5_000,
            $"ssa-series-length = {SsaSeriesLength}, must be between twice ssa-window ({2 * SsaWindow}) and 5000");
        Check(SsaRefitEvery is >= 1 and <= 10_000, $"ssa-refit-every = {SsaRefitEvery}, must be between 1 and 10000");
        Check(SsaExplainedVariance is >= 0.5 and <= 1, $"ssa-explained-variance = {SsaExplainedVariance}, must be between 0.5 and 1");
        Check(SsaMaxRank >= 1 && SsaMaxRank <= SsaWindow, $"ssa-max-rank = {SsaMaxRank}, must be between 1 and ssa-window ({SsaWindow})");
        Check(AutoHorizons.Count is >= 1 and <= 8 && AutoHorizons.All(h => h is >= 1 and <= 60)
            && AutoHorizons.Zip(AutoHorizons.Skip(1)).All(p => p.First < p.Second),
            $"auto-horizons = {string.Join(",", AutoHorizons)}, must be 1 to 8 ascending horizons, each between 1 and 60");
        Check(AutoHorizon is >= 1 and <= 60, $"auto-horizon = {AutoHorizon}, must be between 1 and 60");
        Check(AutoErrorWindow is >= 5 and <= 10_000, $"auto-error-window = {AutoErrorWindow}, must be between 5 and 10000");
        Check(AutoHysteresis is >= 0 and <= 0.9, $"auto-hysteresis = {AutoHysteresis}, must be between 0 and 0.9");
        Check(AutoWeightPower is >= 0 and <= 64, $"auto-weight-power = {AutoWeightPower}, must be between 0 and 64");
        Check(AutoShrinkage is >= 0 and <= 1, $"auto-shrinkage = {AutoShrinkage}, must be between 0 and 1");
        Check(AutoIntervalStep is >= 0.001 and <= 1, $"auto-interval-step = {AutoIntervalStep}, must be between 0.001 and 1");
        Check(AutoCandidates.Count > 0, "auto-candidates is empty, name at least one model");
        foreach (var name in AutoCandidates)
        {
            Check(name != ForecastModels.Auto && ForecastModels.Names.Contains(name),
                $"auto-candidates contains '{name}', must be one of {string.Join(", ", ForecastModels.Names.Where(n => n != ForecastModels.Auto))}");
        }
        _valid = true;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message);
    }
}
