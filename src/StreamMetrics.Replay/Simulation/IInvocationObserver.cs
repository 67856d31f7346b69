namespace StreamMetrics.Replay.Simulation;

/// <summary>Sees every invocation a function's simulation dispatches, in arrival order, with the instance that runs it.</summary>
public interface IInvocationObserver
{
    void Invoked(ObservedInvocation invocation);
}
