namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Maps a bucket index to its seasonal term: a season of <see cref="Length"/> buckets is cut into consecutive blocks of
/// <see cref="Block"/> buckets sharing one term, so a long season (a day of minutes) keeps a smooth, small profile
/// instead of one noisy term per minute.
/// </summary>
internal readonly record struct SeasonSlots(int Length, int Block)
{
    public static SeasonSlots For(int seasonLength, int maximumTerms) =>
        new(seasonLength, Math.Max(1, (seasonLength + maximumTerms - 1) / maximumTerms));

    public int Count => (Length + Block - 1) / Block;

    public int Of(long bucketIndex) => (int)(bucketIndex % Length) / Block;
}
