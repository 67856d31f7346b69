namespace StreamMetrics.Replay.Live;

/// <summary>How far a live replay has got through its trace, for a progress view.</summary>
/// <param name="Minute">Trace minutes passed on the service's clock, with their fraction.</param>
/// <param name="Minutes">Trace minutes in all.</param>
/// <param name="Published">Trace events published so far.</param>
/// <param name="Dispatched">Of those, the ones that reached the worker pool.</param>
/// <param name="ColdStarts">Invocations that started their own instance so far.</param>
/// <param name="Instances">Instances in the pool now.</param>
/// <param name="GcPauses">Time the process has been paused for garbage collection: each pause stretches trace time.</param>
public sealed record ReplayProgress(double Minute, int Minutes, long Published, long Dispatched, long ColdStarts, int Instances, TimeSpan GcPauses);
