using System.Diagnostics;

namespace StreamMetrics.Core.Functions;

/// <summary>
/// An async semaphore whose limit can change while it is in use. Shrinking lets holders finish: no slot is handed out
/// until fewer than the new limit are held. Waiters are served first come, first served. Thread-safe under
/// <paramref name="gate"/>, which its owner shares so that taking and releasing a slot join the owner's own bookkeeping
/// in one lock: <see cref="TryAcquire"/> and <see cref="Release"/> are called with the gate held, and do not take it again.
/// </summary>
internal sealed class ParallelismGate(int limit, Lock gate)
{
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly Lock _gate = gate;

    public int Limit { get; private set; } = limit;

    public int Held { get; private set; }

    public int Waiting
    {
        get
        {
            lock (_gate)
                return _waiters.Count;
        }
    }

    /// <summary>Takes a slot if one is free and nobody waits for one; false otherwise, leaving the queue as it was. The caller holds the gate.</summary>
    public bool TryAcquire()
    {
        Debug.Assert(_gate.IsHeldByCurrentThread, "the caller holds the gate");
        if (Held >= Limit || _waiters.Count > 0)
            return false;
        Held++;
        return true;
    }

    public Task AcquireAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (TryAcquire())
                return Task.CompletedTask;
            // Completed with asynchronous continuations, so a release never runs the next invocation inline.
            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        if (ct.CanBeCanceled)
            CancelOnRequest(node, ct);
        return node.Value.Task;
    }

    /// <summary>
    /// A method of its own because the callback captures its arguments: the compiler allocates a closure on entry to the
    /// method that declares them, and a free slot must not pay for it.
    /// </summary>
    private void CancelOnRequest(LinkedListNode<TaskCompletionSource> node, CancellationToken ct)
    {
        // Registered outside the lock: a token cancelled meanwhile runs the callback right here.
        var registration = ct.Register(() => Cancel(node, ct));
        node.Value.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Gives a slot back, granting it to the first waiter if the limit allows. The caller holds the gate.</summary>
    public void Release()
    {
        Debug.Assert(_gate.IsHeldByCurrentThread, "the caller holds the gate");
        Held--;
        Grant();
    }

    public void SetLimit(int limit)
    {
        lock (_gate)
        {
            Limit = limit;
            Grant();
        }
    }

    private void Grant()
    {
        while (Held < Limit && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            Held++;
            first.Value.SetResult();
        }
    }

    private void Cancel(LinkedListNode<TaskCompletionSource> node, CancellationToken ct)
    {
        lock (_gate)
        {
            // A waiter already granted keeps its slot; the caller sees a completed acquire and releases as usual.
            if (node.List is null)
                return;
            _waiters.Remove(node);
        }
        node.Value.SetCanceled(ct);
    }
}
