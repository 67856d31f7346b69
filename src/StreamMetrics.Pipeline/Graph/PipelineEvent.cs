using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// One input record on its way through the graph, filled in stage by stage: decoded into an event (or the reason it is
/// none), tagged with its type's predicted load, given its metric config, run. One object per record in flight, taken
/// from and given back to a <see cref="PipelineEventPool"/>, rather than a new record per stage and event: passing a
/// record through the stages allocates nothing beyond its decoded event's strings (key and payload) and the arrays of
/// its encoded metric records that the metrics sink has none free for. The arrays of its last metric records stay with
/// it, their publish completed, for the sink to encode the next record's metrics into.
/// </summary>
internal sealed class PipelineEvent
{
    private byte[][] _records = [];

    public PipelineEvent() => Completed = Task.FromResult(this);

    /// <summary>The record as the consumer handed it over.</summary>
    public ConsumedMessage Message { get; private set; }

    /// <summary>The decoded event; the default value when the record is none (<see cref="IsRejected"/>).</summary>
    public StreamEvent Event { get; set; }

    /// <summary>Why the record is no event; null when it is one.</summary>
    public string? Rejection { get; set; }

    public bool IsRejected => Rejection is not null;

    /// <summary>When the event arrived, read once for the forecaster and the worker pool (set by the forecast stage).</summary>
    public ClockReading Arrived { get; set; }

    /// <summary>The event's type's predicted load, over the next bucket (set by the forecast stage).</summary>
    public PredictedLoad Predicted { get; set; }

    /// <summary>The config the event's function instance runs with (set by the configure stage).</summary>
    public MetricConfig? Config { get; set; }

    /// <summary>Where the worker pool puts the invocation's kept samples: this object's own list, reused with it.</summary>
    public List<MetricSample> Samples { get; } = [];

    /// <summary>The publish of the event's metrics (set by the metrics sink, read once they are acknowledged).</summary>
    public MetricsSinkStage.MetricsPublish Publish { get; set; }

    /// <summary>
    /// A completed task of this very object, for the asynchronous stages to return when they finish at once: the object
    /// is reused, so its task is too.
    /// </summary>
    public Task<PipelineEvent> Completed { get; }

    /// <summary>
    /// Room for the event's <paramref name="count"/> encoded metric records, for the publisher: the last one's array, with
    /// the arrays of the last records still in it for reuse, when it has that length (a type's profile, and so its record
    /// count, changes seldom); else a new one, the last records' arrays given to <paramref name="unused"/>.
    /// </summary>
    public byte[][] RecordSlots(int count, ExactLengthArrayPool unused)
    {
        if (_records.Length != count)
        {
            unused.ReturnAll(_records);
            _records = new byte[count][];
        }
        return _records;
    }

    /// <summary>Starts this object's life for <paramref name="message"/>.</summary>
    public void Begin(in ConsumedMessage message) => Message = message;

    /// <summary>
    /// Lets go of everything the last record referred to, so a pooled object holds no record alive; the arrays of its
    /// metric records, whose publish completed, stay for reuse (see <see cref="RecordSlots"/>).
    /// </summary>
    public void Clear()
    {
        Message = default;
        Event = default;
        Rejection = null;
        Arrived = default;
        Predicted = default;
        Config = null;
        Publish = default;
        Samples.Clear();
    }
}
