namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>A seeded day of bursty minute counts around a daily curve, shaped like a busy function of the Azure trace.</summary>
internal static class BenchmarkSeries
{
    public static double[] Day(int seed, int days = 1)
    {
        var random = new Random(seed);
        var result = new double[1440 * days];
        for (var t = 0; t < result.Length; t++)
        {
            var daily = 200 + 150 * Math.Sin(2 * Math.PI * t / 1440);
            var burst = random.NextDouble() < 0.02 ? random.Next(200, 2000) : 0;
            result[t] = Math.Round(daily * (0.8 + 0.4 * random.NextDouble())) + burst;
        }
        return result;
    }
}
