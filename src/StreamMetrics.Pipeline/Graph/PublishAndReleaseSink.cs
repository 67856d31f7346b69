using Akka.Streams;
using Akka.Streams.Stage;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// The graph's end: publishes each event (its metrics) and releases it (its offset, its carrier) once the publish is
/// acknowledged, with at most <c>limit</c> publishes unacknowledged at once. The release happens where the
/// acknowledgement arrives, on the Kafka producer's delivery-report thread, and the graph hears of an acknowledgement
/// only when it waits for one: for room under the limit, or for the last publishes of a finished stream. A
/// <c>SelectAsync</c> followed by a sink sent every acknowledgement to the graph's actor instead, a message and often a
/// thread wake-up per event. The order of releases does not matter: the offset tracker stores a partition's offset
/// only as far as every earlier record is finished.
/// Materializes a task that completes once the upstream finished and every publish was acknowledged and released, and
/// fails with the first publish or release that failed.
/// </summary>
internal sealed class PublishAndReleaseSink(int limit, Func<PipelineEvent, Task<PipelineEvent>> publish, Action<PipelineEvent> release)
    : GraphStageWithMaterializedValue<SinkShape<PipelineEvent>, Task>
{
    public override SinkShape<PipelineEvent> Shape { get; } = new(new Inlet<PipelineEvent>("publish-and-release.in"));

    private int Limit { get; } = limit;

    private Func<PipelineEvent, Task<PipelineEvent>> Publish { get; } = publish;

    private Action<PipelineEvent> Release { get; } = release;

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task>(new Logic(this, done), done.Task);
    }

    private sealed class Logic : InGraphStageLogic
    {
        private static readonly Action<Task<PipelineEvent>, object?> OnAcknowledged =
            static (published, logic) => ((Logic)logic!).Acknowledged(published);

        private readonly PublishAndReleaseSink _stage;
        private readonly TaskCompletionSource _done;
        private readonly Action _resume;
        private readonly Action<Exception> _fail;

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
            var published = _stage.Publish(Grab(_stage.Shape.Inlet));
            if (published.IsCompletedSuccessfully)
            {
                _stage.Release(published.Result);
                Pull(_stage.Shape.Inlet);
                return;
            }
            Interlocked.Increment(ref _unacknowledged);
            published.ContinueWith(OnAcknowledged, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            // At the limit, the acknowledgement that makes room again resumes pulling (Acknowledged).
            if (Volatile.Read(ref _unacknowledged) < _stage.Limit)
                Pull(_stage.Shape.Inlet);
        }

        public override void OnUpstreamFinish()
        {
            // A full fence between the write and the read, as in Acknowledged: one of the two sees the other's write,
            // so the last acknowledgement and the upstream's end cannot both miss ending the stage.
            Interlocked.Exchange(ref _upstreamFinished, 1);
            if (Volatile.Read(ref _unacknowledged) == 0)
                Complete();
        }

        public override void OnUpstreamFailure(Exception e) => Fail(e);

        public override void PostStop() =>
            _done.TrySetException(new AbruptStageTerminationException(this));

        /// <summary>On the thread that completed the publish: the delivery-report thread, or the graph's own.</summary>
        private void Acknowledged(Task<PipelineEvent> published)
        {
            if (!published.IsCompletedSuccessfully)
            {
                _fail(published.Exception?.InnerException ?? new TaskCanceledException(published));
                return;
            }
            try
            {
                _stage.Release(published.Result);
            }
            catch (Exception e)
            {
                _fail(e);
                return;
            }
            var left = Interlocked.Decrement(ref _unacknowledged);
            if (left == _stage.Limit - 1 || (left == 0 && Volatile.Read(ref _upstreamFinished) == 1))
                _resume();
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
