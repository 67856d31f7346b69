namespace StreamMetrics.Core.Functions;

/// <summary>One event type's share of the worker pool.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="Instances">Its instances (starting, idle, or claimed or running for an invocation), over all its configs.</param>
/// <param name="Executing">Its invocations executing now, each on its own instance.</param>
/// <param name="ColdStarts">Its instances started so far, pre-warmed ones included.</param>
/// <param name="Invocations">Its invocations completed so far.</param>
/// <param name="MeanDuration">
/// Mean execution time, each execution weighted e^(−age / 10 minutes): thousands of a busy type's executions, so one slow
/// invocation does not swing it, and a type whose functions changed is followed within minutes; zero before the first.
/// </param>
public sealed record TypePoolStatistics(string EventType, int Instances, int Executing, long ColdStarts, long Invocations, TimeSpan MeanDuration)
{
    /// <summary>
    /// What its next execution is expected to take: <see cref="MeanDuration"/> once one has ended, before that the duration
    /// the pool was given for the type or the mean over every type. The pool's dispatch and the scaling policies use it.
    /// </summary>
    public TimeSpan ExpectedDuration { get; init; }

    /// <summary>Its instances still in their cold start (included in <see cref="Instances"/>).</summary>
    public int Starting { get; init; }

    /// <summary>Its invocations that reached the pool so far, counted on arrival before any waiting (completed or not).</summary>
    public long Arrivals { get; init; }

    /// <summary>
    /// Its invocations that had to start a new instance themselves: the simulator's cold starts. Unlike
    /// <see cref="ColdStarts"/>, pre-warmed instances are not counted.
    /// </summary>
    public long OnDemandStarts { get; init; }

    /// <summary>Seconds (of the pool's clock) its instances have existed, from start to retirement: the cost.</summary>
    public double InstanceSeconds { get; init; }

    /// <summary>Seconds its completed invocations executed (invocations still running are not included yet).</summary>
    public double ExecutionSeconds { get; init; }

    /// <summary>
    /// <see cref="InstanceSeconds"/> − <see cref="ExecutionSeconds"/>, seconds: time instances spent starting or idle (the waste),
    /// plus, until they complete, the running invocations' execution so far.
    /// </summary>
    public double IdleInstanceSeconds => InstanceSeconds - ExecutionSeconds;

    /// <summary>Its invocations that arrived and have not finished: waiting for a slot or an instance, in a cold start, or executing.</summary>
    public int InFlight { get; init; }

    /// <summary>
    /// The time integral of <see cref="InFlight"/>, in invocation-seconds: its difference over an interval divided by the
    /// interval's length is the time-averaged concurrency (what Knative's queue-proxy reports).
    /// </summary>
    public double InFlightSeconds { get; init; }
}
