namespace StreamMetrics.Core.Forecasting;

/// <summary>A model that uses the position of a bucket in the day, and so must be told where its first bucket falls.</summary>
public interface IBucketAlignedModel
{
    /// <summary>Sets the index (UTC ticks / bucket length) of the next bucket the model will observe.</summary>
    void AlignTo(long bucketIndex);
}
