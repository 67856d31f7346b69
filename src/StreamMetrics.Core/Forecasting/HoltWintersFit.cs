namespace StreamMetrics.Core.Forecasting;

/// <summary>Fits <see cref="HoltWintersParameters"/> to a series by the least one-step squared error over a grid.</summary>
internal static class HoltWintersFit
{
    public readonly record struct Result(HoltWintersParameters Parameters, double Level, double Trend, double[]? Seasonal, double Variance);

    /// <param name="series">The history, oldest first.</param>
    /// <param name="slots">Seasonal terms, or null for no seasonal term; with one the series holds at least two seasons.</param>
    /// <param name="firstIndex">Absolute bucket index of <paramref name="series"/>[0], which aligns the seasonal phase.</param>
    public static Result Best(double[] series, SeasonSlots? slots, long firstIndex)
    {
        var bestSse = double.PositiveInfinity;
        var best = HoltWintersParameters.Default;
        var season = slots?.Length ?? 0;
        var scratch = slots is { } s ? new double[s.Count] : null;
        foreach (var candidate in HoltWintersParameters.Grid(season > 0))
        {
            var sse = Run(series, slots, firstIndex, candidate, scratch, out _, out _, bestSse);
            if (sse < bestSse)
            {
                bestSse = sse;
                best = candidate;
            }
        }
        var seasonal = slots is { } f ? new double[f.Count] : null;
        var finalSse = Run(series, slots, firstIndex, best, seasonal, out var level, out var trend, double.PositiveInfinity);
        var start = season > 0 ? season : 1;
        var variance = finalSse / Math.Max(1, series.Length - start);
        return new Result(best, level, trend, seasonal, variance);
    }

    /// <summary>Runs the filter over the series and returns the one-step SSE (stopping early once above <paramref name="stopAbove"/>).</summary>
    private static double Run(double[] x, SeasonSlots? slots, long firstIndex, HoltWintersParameters p, double[]? seasonal,
        out double level, out double trend, double stopAbove)
    {
        var season = slots?.Length ?? 0;
        int start;
        if (season > 0)
        {
            // Level: mean of the first season; trend: change of the mean from the first to the second season;
            // seasonal terms: the first season's mean deviation from its mean within each term's block.
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
            Array.Clear(seasonal!);
            Span<int> counts = stackalloc int[seasonal!.Length];
            for (var i = 0; i < season; i++)
            {
                var slot = slots!.Value.Of(firstIndex + i);
                seasonal[slot] += x[i] - first;
                counts[slot]++;
            }
            for (var k = 0; k < seasonal.Length; k++)
                seasonal[k] /= Math.Max(1, counts[k]);
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
            var slot = slots is { } shape ? shape.Of(firstIndex + t) : 0;
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
