namespace StreamMetrics.Replay.Forecasting;

/// <summary>Accuracy of one model at one horizon, for one function or aggregated over functions.</summary>
/// <param name="Mae">Mean absolute error, in arrivals per bucket.</param>
/// <param name="Smape">Symmetric MAPE in percent (0..200); a bucket forecast 0 that had 0 counts as 0.</param>
/// <param name="Mase">MAE divided by the function's in-sample one-step naive MAE; null where that is 0 (a constant series).</param>
/// <param name="Coverage">Share (0..1) of actual values inside the forecast bounds.</param>
/// <param name="MaeWeighted">In aggregates only: MAE weighted by each function's invocations, over all functions.</param>
/// <param name="Functions">In aggregates only: functions the means are taken over.</param>
/// <param name="MaeRatioGeoMean">
/// In aggregates only: the geometric mean over the same functions of this model's MAE divided by the reference model's
/// (<see cref="EvaluationSettings.RatioReference"/>), leaving out functions where either MAE is 0; below 1 is better. Every
/// function counts alike, whatever its volume. Null without a reference model or such a function.
/// </param>
public sealed record HorizonScores(
    double Mae, double Smape, double? Mase, double Coverage, double? MaeWeighted = null, int? Functions = null, double? MaeRatioGeoMean = null);
