namespace StreamMetrics.Core.Forecasting;

/// <summary>Smoothing parameters of the damped additive Holt-Winters model (error-correction form of ETS(A,Ad,A)).</summary>
/// <param name="Alpha">Level smoothing, 0..1.</param>
/// <param name="Beta">Trend smoothing relative to alpha, 0..1.</param>
/// <param name="Gamma">Seasonal smoothing, 0..1 (unused without a season).</param>
/// <param name="Phi">Trend damping, 0..1 (1 = undamped).</param>
internal readonly record struct HoltWintersParameters(double Alpha, double Beta, double Gamma, double Phi)
{
    /// <summary>Used before the first fit, when a brand-new type has too little history to fit anything.</summary>
    public static HoltWintersParameters Default => new(0.5, 0.1, 0.1, 0.9);

    private static readonly double[] Alphas = [0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
    private static readonly double[] Betas = [0.01, 0.05, 0.15, 0.3];
    private static readonly double[] Gammas = [0.05, 0.15, 0.3];
    private static readonly double[] Phis = [0.8, 0.9, 0.95, 0.98];

    /// <summary>The grid searched by the fit; gamma varies only when the model has a season.</summary>
    public static IEnumerable<HoltWintersParameters> Grid(bool seasonal)
    {
        foreach (var alpha in Alphas)
        {
            foreach (var beta in Betas)
            {
                foreach (var phi in Phis)
                {
                    if (!seasonal)
                    {
                        yield return new HoltWintersParameters(alpha, beta, 0, phi);
                        continue;
                    }
                    foreach (var gamma in Gammas)
                        yield return new HoltWintersParameters(alpha, beta, gamma, phi);
                }
            }
        }
    }
}
