namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The instance count a policy wants for a scope, and why (shown to operators on the <c>scaling</c> topic).
/// <see cref="DesiredInstances"/> is a warm floor: missing instances are started now (pre-warmed); instances above it
/// are retired once they have been idle for <see cref="IdleTimeout"/>. Busy instances are never stopped.
/// </summary>
public sealed record ScaleDecision(string Scope, int DesiredInstances, string Reason)
{
    /// <summary>How long an idle instance above the floor is kept before it is retired. Zero (the default) retires it at once.</summary>
    public TimeSpan IdleTimeout { get; init; }

    /// <summary>
    /// The decision holds until this time unless new arrivals come; a caller may skip ticks until then.
    /// Null (the default) asks to be called again on the next tick.
    /// </summary>
    public DateTimeOffset? HoldsUntil { get; init; }

    /// <summary>"No data" is an answer, not an error: keep what exists.</summary>
    public static ScaleDecision Keep(ScalingInput input, string reason) => new(input.Scope, input.CurrentInstances, reason);
}
