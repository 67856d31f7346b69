namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// The assumptions behind the metric-volume figures: how many records each profile emits per invocation and how large
/// a record is on the wire.
/// </summary>
public sealed class MetricVolumeOptions
{
    /// <summary>Records per invocation under <c>debug</c>: 6 metrics, every event. Default 6.</summary>
    public double DebugRecordsPerInvocation { get; init; } = 6;

    /// <summary>Records per invocation under <c>standard</c>: about a tenth of debug. Default 0.6.</summary>
    public double StandardRecordsPerInvocation { get; init; } = 0.6;

    /// <summary>
    /// Bytes of one Avro <c>MetricSample</c> record (event type, profile, metric name, double, timestamp, instance id).
    /// Default 64.
    /// </summary>
    public int BytesPerRecord { get; init; } = 64;

    /// <summary>Share of a function's minutes counted as high load (its top decile). Range (0, 1); default 0.1.</summary>
    public double HighLoadShare { get; init; } = 0.1;

    public void Validate()
    {
        if (DebugRecordsPerInvocation <= 0 || StandardRecordsPerInvocation <= 0)
            throw new ArgumentOutOfRangeException(nameof(DebugRecordsPerInvocation), $"records per invocation (debug {DebugRecordsPerInvocation}, standard {StandardRecordsPerInvocation}) must be positive");
        if (BytesPerRecord < 1)
            throw new ArgumentOutOfRangeException(nameof(BytesPerRecord), $"bytes-per-record = {BytesPerRecord}, must be at least 1");
        if (HighLoadShare is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(HighLoadShare), $"high-load-share = {HighLoadShare}, must be in (0, 1)");
    }
}
