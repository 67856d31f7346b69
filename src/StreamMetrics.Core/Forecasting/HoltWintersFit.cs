namespace StreamMetrics.Core.Forecasting;

/// <summary>Fits <see cref="HoltWintersParameters"/> to a series by the least one-step squared error over a grid.</summary>
internal static class HoltWintersFit
{
    public readonly record struct Result(HoltWintersParameters Parameters, double Level, double Trend, double[]? Seasonal, double Variance);

    /// <param name="series">The history, oldest first.</param>
    /// <param name="season">Season length, or 0 for no seasonal term (then the series needs no particular length).</param>
    /// <param name="firstIndex">Absolute bucket index of <paramref name="series"/>[0], which aligns the seasonal phase.</param>
    public static Result Best(double[] series, int season, long firstIndex)
    {
        var bestSse = double.PositiveInfinity;
        var best = HoltWintersParameters.Default;
        var scratch = season > 0 ? new double[season] : null;
        foreach (var candidate in HoltWintersParameters.Grid(season > 0))
        {
            var sse = Run(series, season, firstIndex, candidate, scratch, out _, out _, bestSse);
            if (sse < bestSse)
            {
                bestSse = sse;
                best = candidate;
            }
        }
        var seasonal = season > 0 ? new double[season] : null;
        var finalSse = Run(series, season, firstIndex, best, seasonal, out var level, out var trend, double.PositiveInfinity);
        var start = season > 0 ? season : 1;
        var variance = finalSse / Math.Max(1, series.Length - start);
        return new Result(best, level, trend, seasonal, variance);
    }

    /// <summary>Runs the filter over the series and returns the one-step SSE (stopping early once above <paramref name="stopAbove"/>).</summary>
    private static double Run(double[] x, int season, long firstIndex, HoltWintersParameters p, double[]? seasonal,
        out double level, out double trend, double stopAbove)
    {
        int start;
        if (season > 0)
        {
            // Level: mean of the first season; trend: change of the mean from the first to the second season;
            // seasonal terms: the first season's deviations from its mean.
            double first = 0, second = 0;
            for (var i = 0; i < season; i++)
            {
                first += x[i];
                second += x[season + i];
            }
            first /= season;
            second /= season;
            level = first;
            trend = (second - first) / season;
            for (var i = 0; i < season; i++)
                seasonal![(int)((firstIndex + i) % season)] = x[i] - first;
            start = season;
        }
        else
        {
            level = x[0];
            trend = 0;
            start = 1;
        }
        var sse = 0.0;
        for (var t = start; t < x.Length; t++)
        {
            var slot = season > 0 ? (int)((firstIndex + t) % season) : 0;
            var seasonalTerm = season > 0 ? seasonal![slot] : 0;
            var error = x[t] - (level + p.Phi * trend + seasonalTerm);
            level += p.Phi * trend + p.Alpha * error;
            trend = p.Phi * trend + p.Alpha * p.Beta * error;
            if (season > 0)
                seasonal![slot] += p.Gamma * error;
            sse += error * error;
            if (sse > stopAbove)
                return sse;
        }
        return sse;
    }
}
