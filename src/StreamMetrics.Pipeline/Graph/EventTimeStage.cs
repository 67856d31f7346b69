namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Holds each event until the service clock reaches its timestamp, then lets it on to the forecast and the worker pool:
/// a replayed trace is published ahead of its time and dispatched at its recorded arrival times, so Kafka's batching
/// and the stages' latency do not reshape the load the scaling policies see. An event already past its time goes on at
/// once; lateness beyond <see cref="Tolerance"/> is counted.
/// </summary>
internal sealed class EventTimeStage(TimeProvider time, PipelineCounters counters)
{
    /// <summary>Events held at once; a replay publishes at most about this many ahead of the clock.</summary>
    public const int MaxHeld = 16_384;

    /// <summary>Lateness below this is timer resolution rather than a pipeline that falls behind.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    public Task<PipelineEvent> AwaitAsync(PipelineEvent decoded)
    {
        var due = decoded.Event.Timestamp - time.GetUtcNow();
        if (due > TimeSpan.Zero)
            return HoldAsync(decoded, due);
        if (-due > Tolerance)
            counters.Late(-due);
        return decoded.Completed;
    }

    private async Task<PipelineEvent> HoldAsync(PipelineEvent decoded, TimeSpan due)
    {
        await Task.Delay(due, time).ConfigureAwait(false);
        return decoded;
    }
}
