namespace StreamMetrics.Core.Functions;

/// <summary>The pool's instances of one config that are not running: idle ones oldest first, and pre-warmed ones still starting.</summary>
internal sealed class ConfigInstances
{
    /// <summary>Idle instances in the order they became idle: reuse takes the newest, retirement the oldest.</summary>
    public LinkedList<FunctionInstance> Idle { get; } = new();

    /// <summary>Pre-warmed instances in their cold start that no invocation waits for yet.</summary>
    public List<FunctionInstance> Unclaimed { get; } = [];

    /// <summary>Instances in their cold start that an invocation already waits for: they free up one execution after they are ready.</summary>
    public List<FunctionInstance> ClaimedStarting { get; } = [];

    /// <summary>Instances running an invocation now.</summary>
    public List<FunctionInstance> Running { get; } = [];

    /// <summary>Invocations waiting for a running instance to finish (only with <see cref="WorkerPoolOptions.WaitForBusy"/>), first come first served.</summary>
    public LinkedList<TaskCompletionSource<FunctionInstance>> Waiters { get; } = new();

    /// <summary>Instances claimed by an invocation (starting or running); while any exist the entry is kept.</summary>
    public int Busy { get; set; }

    /// <summary>Whether any instance of the config is in its cold start, claimed or not.</summary>
    public bool AnyStarting => Unclaimed.Count + ClaimedStarting.Count > 0;

    /// <summary>Instances of the config that exist: idle, starting or running.</summary>
    public int Alive => Idle.Count + Unclaimed.Count + ClaimedStarting.Count + Running.Count;
}
