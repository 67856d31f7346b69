namespace StreamMetrics.Core.Functions;

/// <summary>How the <c>synthetic</c> function spends its duration.</summary>
public enum SyntheticMode
{
    /// <summary>Awaits a timer on the pool's <see cref="TimeProvider"/>: no CPU used, so many invocations fit on a small machine.</summary>
    Delay,

    /// <summary>Spins on a core until the duration has passed on the <see cref="TimeProvider"/> (a real CPU-bound load).</summary>
    Busy,
}
