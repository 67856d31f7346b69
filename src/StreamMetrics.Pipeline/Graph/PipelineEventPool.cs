using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// The <see cref="PipelineEvent"/> objects of one graph: the decode stage takes one per input record, the offset stage
/// gives it back once the record's offset is released. The graph holds a bounded number of events at once
/// (<see cref="PipelineGraph.EventsLimit"/>), so after a short start the pool hands out only objects it already has.
/// Thread-safe.
/// </summary>
internal sealed class PipelineEventPool
{
    /// <summary>Objects kept for reuse at most; more in flight than this (a burst of dead letters) are left to the collector.</summary>
    public const int MaxKept = 8_192;

    private readonly Stack<PipelineEvent> _free = new();
    private readonly Lock _gate = new();

    /// <summary>Objects idle in the pool now.</summary>
    public int Idle
    {
        get
        {
            lock (_gate)
                return _free.Count;
        }
    }

    /// <summary>An object for <paramref name="message"/>, reused if one is free.</summary>
    public PipelineEvent Take(in ConsumedMessage message)
    {
        PipelineEvent? reused;
        lock (_gate)
            _free.TryPop(out reused);
        var taken = reused ?? new PipelineEvent();
        taken.Begin(message);
        return taken;
    }

    /// <summary>Takes back an object whose record is finished; nobody may use it afterwards.</summary>
    public void Return(PipelineEvent finished)
    {
        finished.Clear();
        lock (_gate)
        {
            if (_free.Count < MaxKept)
                _free.Push(finished);
        }
    }
}
