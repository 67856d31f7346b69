namespace StreamMetrics.Core.Scaling;

/// <summary>Tail sums of a Poisson distribution, for sizing a pool against random concurrency.</summary>
internal static class PoissonQuantile
{
    private const int MaxTerms = 100_000;

    /// <summary>
    /// The smallest k &gt;= 1 with P(N &gt;= k) &lt;= <paramref name="tail"/> for N ~ Poisson(<paramref name="mean"/>):
    /// the fewest instances for which an arrival finds all of them busy with at most that probability.
    /// </summary>
    public static int Covering(double mean, double tail)
    {
        if (mean <= 0 || tail >= 1)
            return 1;
        // Work in logs so a large mean does not underflow e^-mean.
        var logTerm = -mean;
        var below = 0.0; // P(N < k)
        var k = 0;
        while (k < MaxTerms)
        {
            below += Math.Exp(logTerm);
            k++;
            logTerm += Math.Log(mean / k);
            if (k >= 1 && 1 - below <= tail)
                return k;
            if (below >= 1 - 1e-15)
                return k;
        }
        return k;
    }
}
