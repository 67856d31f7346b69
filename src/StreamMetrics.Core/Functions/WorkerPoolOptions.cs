using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Core.Functions;

/// <summary>Settings of the <see cref="WorkerPool"/> (config section <c>pool</c>).</summary>
public sealed class WorkerPoolOptions
{
    public static readonly TimeSpan MaxColdStart = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MinKeepAlive = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxKeepAlive = TimeSpan.FromDays(1);
    public const int MaxParallelismLimit = 4096;

    /// <summary>Time from starting an instance to its being ready to run. Range 0 to 1 minute; default 250 ms.</summary>
    public TimeSpan ColdStart { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an idle instance is kept warm before it is retired. Range 1 s to 1 day; default 60 s.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Highest parallelism the pool can be set to. Range 1 to 4096; default 64.</summary>
    public int MaxParallelism { get; init; } = 64;

    /// <summary>Invocations allowed to run at once when the pool starts. Range 1 to <see cref="MaxParallelism"/>; default 4.</summary>
    public int InitialParallelism { get; init; } = 4;

    /// <summary>
    /// Dispatch of an invocation that finds no idle or starting instance of its config. False (the default): start a new
    /// instance at once (a cold start). True: the simulator's rule, used when replaying traces: wait for a busy instance
    /// if, by the type's mean execution time, one is expected to be free within <see cref="ColdStart"/>; otherwise start one.
    /// </summary>
    public bool WaitForBusy { get; init; }

    /// <summary>
    /// What an execution of an event type is expected to take until one of its own has ended (a replayed trace's recorded
    /// mean, say). A type not listed expects the mean over every type. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> ExpectedDurations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (under <paramref name="keyPrefix"/>, e.g. <c>"pool."</c>) and the value.</summary>
    public void Validate(string keyPrefix = "")
    {
        if (ColdStart < TimeSpan.Zero || ColdStart > MaxColdStart)
            throw new ArgumentException($"{keyPrefix}coldStart = {DurationText.Format(ColdStart)}, must be between 0ms and {DurationText.Format(MaxColdStart)}");
        if (KeepAlive < MinKeepAlive || KeepAlive > MaxKeepAlive)
            throw new ArgumentException($"{keyPrefix}keepAlive = {DurationText.Format(KeepAlive)}, must be between {DurationText.Format(MinKeepAlive)} and {DurationText.Format(MaxKeepAlive)}");
        if (MaxParallelism is < 1 or > MaxParallelismLimit)
            throw new ArgumentException($"{keyPrefix}maxParallelism = {MaxParallelism}, must be between 1 and {MaxParallelismLimit}");
        if (InitialParallelism < 1 || InitialParallelism > MaxParallelism)
            throw new ArgumentException($"{keyPrefix}initialParallelism = {InitialParallelism}, must be between 1 and maxParallelism = {MaxParallelism}");
        foreach (var (type, expected) in ExpectedDurations)
        {
            if (expected < TimeSpan.Zero)
                throw new ArgumentException($"{keyPrefix}expectedDurations.{type} = {DurationText.Format(expected)}, must be 0ms or more");
        }
    }
}
