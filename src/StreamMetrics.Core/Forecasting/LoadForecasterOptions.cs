namespace StreamMetrics.Core.Forecasting;

public sealed class LoadForecasterOptions
{
    /// <summary>Length of one counting bucket. Range 1 s to 1 h; default 1 minute.</summary>
    public TimeSpan BucketLength { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Most empty buckets fed to a model when a type was silent for a long time; older silence adds nothing
    /// a model could still use and would make one event cost O(gap). Default 1440 (a day of minutes).
    /// </summary>
    public int MaxSilentBucketsReplayed { get; init; } = 1440;

    public void Validate()
    {
        if (BucketLength < TimeSpan.FromSeconds(1) || BucketLength > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BucketLength), $"bucket = {BucketLength}, must be between 1s and 1h");
        if (MaxSilentBucketsReplayed < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSilentBucketsReplayed), $"max-silent-buckets = {MaxSilentBucketsReplayed}, must be at least 1");
    }
}
