namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The features of the global gradient-boosted model, built the same way for training (offline, from a trace) and for
/// forecasting (online, from a type's history): the latest buckets scaled by the type's own recent mean, that mean,
/// the recent trend, the share of empty buckets, the bucket of day of the forecast target, and the horizon.
/// The label is the target bucket's count divided by the same scale.
/// </summary>
public static class GbmFeatures
{
    /// <summary>Buckets whose mean is the scale.</summary>
    public const int ScaleWindow = 60;

    /// <summary>Latest buckets given one by one.</summary>
    public const int Lags = 20;

    public const int Count = Lags + 6;

    /// <summary>
    /// Fills <paramref name="features"/> from the latest values (oldest first, at most <see cref="ScaleWindow"/> used)
    /// and returns the scale; 0 when the recent history is all zero, in which case there is nothing to forecast from.
    /// </summary>
    /// <param name="targetBucketOfDay">Bucket of day (0 .. bucketsPerDay-1) of the forecast target.</param>
    public static double Build(ReadOnlySpan<double> latest, int horizon, long targetBucketOfDay, int bucketsPerDay, Span<float> features)
    {
        if (latest.Length > ScaleWindow)
            latest = latest[^ScaleWindow..];
        var n = latest.Length;
        if (n == 0)
            return 0;
        double sum = 0;
        var zeros = 0;
        foreach (var value in latest)
        {
            sum += value;
            if (value == 0)
                zeros++;
        }
        var scale = sum / n;
        if (scale <= 0)
            return 0;
        for (var i = 0; i < Lags; i++)
            features[i] = i < n ? (float)(latest[n - 1 - i] / scale) : 1f;
        features[Lags] = (float)Math.Log(1 + scale);
        features[Lags + 1] = (float)((Mean(latest, 0, 10) - Mean(latest, 10, 10)) / scale);
        var angle = 2 * Math.PI * (targetBucketOfDay % bucketsPerDay) / bucketsPerDay;
        features[Lags + 2] = (float)Math.Sin(angle);
        features[Lags + 3] = (float)Math.Cos(angle);
        features[Lags + 4] = horizon;
        features[Lags + 5] = (float)zeros / n;
        return scale;
    }

    /// <summary>Mean of <paramref name="count"/> values ending <paramref name="skip"/> values before the latest (fewer if the history is short).</summary>
    private static double Mean(ReadOnlySpan<double> latest, int skip, int count)
    {
        var end = latest.Length - skip;
        var start = Math.Max(0, end - count);
        if (end <= start)
            return latest[^1];
        double sum = 0;
        for (var i = start; i < end; i++)
            sum += latest[i];
        return sum / (end - start);
    }
}
