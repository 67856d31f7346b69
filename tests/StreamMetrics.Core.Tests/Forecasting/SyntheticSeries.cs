namespace StreamMetrics.Core.Tests.Forecasting;

/// <summary>Seeded synthetic count series with a known structure.</summary>
internal static class SyntheticSeries
{
    public static double[] Sine(int length, int period, double mean = 100, double amplitude = 50) =>
        Enumerable.Range(0, length).Select(t => mean + amplitude * Math.Sin(2 * Math.PI * t / period)).ToArray();

    /// <summary>A constant rate with independent noise around it: the best forecast is the mean, not the last value.</summary>
    public static double[] NoisyConstant(int length, double mean, double noise, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => Math.Max(0, Math.Round(mean + noise * (2 * random.NextDouble() - 1)))).ToArray();
    }

    /// <summary>A random walk with large steps: the best forecast is the last value.</summary>
    public static double[] RandomWalk(int length, double start, double step, int seed)
    {
        var random = new Random(seed);
        var value = start;
        var result = new double[length];
        for (var t = 0; t < length; t++)
        {
            value = Math.Max(0, value + step * (2 * random.NextDouble() - 1));
            result[t] = value;
        }
        return result;
    }

    /// <summary>An irregular shape repeated exactly every <paramref name="season"/> buckets.</summary>
    public static double[] RepeatedShape(int length, int season, int seed)
    {
        var random = new Random(seed);
        var shape = Enumerable.Range(0, season).Select(_ => (double)random.Next(0, 200)).ToArray();
        return Enumerable.Range(0, length).Select(t => shape[t % season]).ToArray();
    }
}
