using Akka.Streams;
using Akka.Streams.Stage;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// The graph's end: publishes each event (its metrics), and once the publish is acknowledged counts it
/// (<c>acknowledged</c>) and releases it (its offset, its carrier), with at most <c>limit</c> publishes unacknowledged
/// at once. Both happen where the acknowledgement arrives, on the Kafka producer's delivery-report thread, and the graph
/// hears of an acknowledgement only when it waits for one: for room under the limit, or for the last publishes of a
/// finished stream. A <c>SelectAsync</c> followed by a sink sent every acknowledgement to the graph's actor instead, a
/// message and often a thread wake-up per event. The order of releases does not matter: the offset tracker stores a
/// partition's offset only as far as every earlier record is finished.
/// Materializes a task that completes once the upstream finished and every publish was acknowledged and released, and
/// fails with the first publish or release that failed.
/// </summary>
internal sealed class PublishAndReleaseSink(
    int limit, Func<PipelineEvent, Task> publish, Action<PipelineEvent> acknowledged, Action<PipelineEvent> release)
    : GraphStageWithMaterializedValue<SinkShape<PipelineEvent>, Task>
{
    public override SinkShape<PipelineEvent> Shape { get; } = new(new Inlet<PipelineEvent>("publish-and-release.in"));

    private int Limit { get; } = limit;

    private Func<PipelineEvent, Task> Publish { get; } = publish;

    private Action<PipelineEvent> Acknowledged { get; } = acknowledged;

    private Action<PipelineEvent> Release { get; } = release;

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task>(new Logic(this, done), done.Task);
    }

    private sealed class Logic : InGraphStageLogic
    {
        private readonly PublishAndReleaseSink _stage;
        private readonly TaskCompletionSource _done;
        private readonly Action _resume;
        private readonly Action<Exception> _fail;

        // Fail itself, as a delegate made once: the graph's own acknowledgements pass it for every event.
        private readonly Action<Exception> _failHere;

        // The continuation of every pending publish, given the event: one delegate for them all.
        private readonly Action<Task, object?> _onAcknowledged;

        // Written by the graph (up) and by acknowledgements (down), on any thread.
        private int _unacknowledged;

        // 1 once the upstream finished: from then on the acknowledgement that leaves none outstanding ends the stage.
        private int _upstreamFinished;

        public Logic(PublishAndReleaseSink stage, TaskCompletionSource done)
            : base(stage.Shape)
        {
            _stage = stage;
            _done = done;
            _resume = GetAsyncCallback(Resume);
            _fail = GetAsyncCallback<Exception>(Fail);
            _failHere = Fail;
            _onAcknowledged = (published, processed) => OnAcknowledged(published, (PipelineEvent)processed!);
            SetHandler(stage.Shape.Inlet, this);
        }

        public override void PreStart()
        {
            // The inlet closes when the upstream finishes; the stage goes on until its last publishes are acknowledged.
            SetKeepGoing(true);
            Pull(_stage.Shape.Inlet);
        }

        public override void OnPush()
        {
            var processed = Grab(_stage.Shape.Inlet);
            Task published;
            try
            {
                published = _stage.Publish(processed);
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }
            if (published.IsCompletedSuccessfully)
            {
                if (Finish(processed, _failHere))
                    Pull(_stage.Shape.Inlet);
                return;
            }
            Interlocked.Increment(ref _unacknowledged);
            published.ContinueWith(_onAcknowledged, processed, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            // At the limit, the acknowledgement that makes room again resumes pulling (OnAcknowledged).
            if (Volatile.Read(ref _unacknowledged) < _stage.Limit)
                Pull(_stage.Shape.Inlet);
        }

        public override void OnUpstreamFinish()
        {
            // A full fence between the write and the read, as in OnAcknowledged: one of the two sees the other's write,
            // so the last acknowledgement and the upstream's end cannot both miss ending the stage.
            Interlocked.Exchange(ref _upstreamFinished, 1);
            if (Volatile.Read(ref _unacknowledged) == 0)
                Complete();
        }

        public override void OnUpstreamFailure(Exception e) => Fail(e);

        public override void PostStop() =>
            _done.TrySetException(new AbruptStageTerminationException(this));

        /// <summary>On the thread that completed the publish: the delivery-report thread, or the graph's own.</summary>
        private void OnAcknowledged(Task published, PipelineEvent processed)
        {
            if (!published.IsCompletedSuccessfully)
            {
                _fail(published.Exception?.InnerException ?? new TaskCanceledException(published));
                return;
            }
            if (!Finish(processed, _fail))
                return;
            var left = Interlocked.Decrement(ref _unacknowledged);
            if (left == _stage.Limit - 1 || (left == 0 && Volatile.Read(ref _upstreamFinished) == 1))
                _resume();
        }

        /// <summary>
        /// Counts and releases an acknowledged event. What either throws fails the stage through <paramref name="fail"/>
        /// (<see cref="Fail"/> on the graph's thread, its async callback on any other), so the stream's task carries that
        /// error rather than Akka's report of a stage stopped.
        /// </summary>
        private bool Finish(PipelineEvent processed, Action<Exception> fail)
        {
            try
            {
                _stage.Acknowledged(processed);
                _stage.Release(processed);
                return true;
            }
            catch (Exception e)
            {
                fail(e);
                return false;
            }
        }

        /// <summary>On the graph: pulls again if there is room, or ends the stage after the last acknowledgement.</summary>
        private void Resume()
        {
            var unacknowledged = Volatile.Read(ref _unacknowledged);
            if (Volatile.Read(ref _upstreamFinished) == 1)
            {
                if (unacknowledged == 0)
                    Complete();
            }
            else if (unacknowledged < _stage.Limit && !HasBeenPulled(_stage.Shape.Inlet))
            {
                Pull(_stage.Shape.Inlet);
            }
        }

        private void Complete()
        {
            if (_done.TrySetResult())
                CompleteStage();
        }

        private void Fail(Exception e)
        {
            _done.TrySetException(e);
            FailStage(e);
        }
    }
}
