using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// Akka's <c>DivertTo</c> without its cost per element: the same behaviour (an element goes to the diverted outlet when
/// <see cref="_divert"/> says so, else on; the upstream is pulled while either outlet has demand; the stage completes
/// once the upstream did and no element is pending, and is cancelled once both outlets are), but Akka's
/// <c>Partition</c>, on which <c>DivertTo</c> is built, allocates a delegate for every element it passes.
/// </summary>
internal sealed class DivertStage<T> : GraphStage<FanOutShape<T, T, T>>
    where T : class
{
    private readonly Func<T, bool> _divert;

    private DivertStage(Func<T, bool> divert)
    {
        _divert = divert;
        Shape = new FanOutShape<T, T, T>(new Inlet<T>("divert.in"), new Outlet<T>("divert.passed"), new Outlet<T>("divert.diverted"));
    }

    public override FanOutShape<T, T, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("divert");

    /// <summary>A flow that sends the elements <paramref name="divert"/> picks to <paramref name="diverted"/> and passes the others on.</summary>
    public static IGraph<FlowShape<T, T>, TMat> To<TMat>(IGraph<SinkShape<T>, TMat> diverted, Func<T, bool> divert) =>
        GraphDsl.Create(diverted, (builder, sink) =>
        {
            var stage = builder.Add(new DivertStage<T>(divert));
            builder.From(stage.Out1).To(sink);
            return new FlowShape<T, T>(stage.In, stage.Out0);
        });

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InGraphStageLogic
    {
        private readonly DivertStage<T> _stage;
        private int _running = 2;

        // An element whose outlet had no demand when it came, and that outlet.
        private T? _pending;
        private Outlet<T>? _pendingOutlet;

        public Logic(DivertStage<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.Shape.In, this);
            foreach (var outlet in new[] { stage.Shape.Out0, stage.Shape.Out1 })
                SetHandler(outlet, onPull: () => OnPull(outlet), onDownstreamFinish: _ => OnDownstreamFinish(outlet));
        }

        private Inlet<T> In => _stage.Shape.In;

        public override void OnPush()
        {
            var element = Grab(In);
            var outlet = _stage._divert(element) ? _stage.Shape.Out1 : _stage.Shape.Out0;
            if (IsClosed(outlet))
            {
                PullIfDemand();
            }
            else if (IsAvailable(outlet))
            {
                Push(outlet, element);
                PullIfDemand();
            }
            else
            {
                (_pending, _pendingOutlet) = (element, outlet);
            }
        }

        public override void OnUpstreamFinish()
        {
            if (_pending is null)
                CompleteStage();
        }

        private void OnPull(Outlet<T> outlet)
        {
            if (_pending is null)
            {
                if (!HasBeenPulled(In))
                    Pull(In);
                return;
            }
            if (outlet != _pendingOutlet)
                return;
            Push(outlet, _pending);
            (_pending, _pendingOutlet) = (null, null);
            if (IsClosed(In))
                CompleteStage();
            else if (!HasBeenPulled(In))
                Pull(In);
        }

        private void OnDownstreamFinish(Outlet<T> outlet)
        {
            if (--_running == 0)
            {
                CompleteStage();
            }
            else if (outlet == _pendingOutlet)
            {
                (_pending, _pendingOutlet) = (null, null);
                if (!HasBeenPulled(In))
                    Pull(In);
            }
        }

        private void PullIfDemand()
        {
            if (IsAvailable(_stage.Shape.Out0) || IsAvailable(_stage.Shape.Out1))
                Pull(In);
        }
    }
}
