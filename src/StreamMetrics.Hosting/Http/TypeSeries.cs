namespace StreamMetrics.Hosting.Http;

/// <summary>
/// One type label's samples, oldest first: rates in events per second, data volume in payload bytes per second, the
/// profile as its index in the catalog, cold starts as those since the sample before. NaN where the label was not known yet (a gap in the page's charts).
/// </summary>
internal sealed record TypeSeries(
    string Label,
    float[] Actual,
    float[] Predicted,
    float[] PredictedLower,
    float[] PredictedUpper,
    float[] Profile,
    float[] Instances,
    float[] Executing,
    float[] ColdStarts,
    float[] PredictedBytes,
    float[] PredictedBytesLower,
    float[] PredictedBytesUpper);
