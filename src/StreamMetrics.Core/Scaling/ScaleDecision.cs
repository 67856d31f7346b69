namespace StreamMetrics.Core.Scaling;

/// <summary>The instance count a policy wants for a scope, and why (shown to operators on the <c>scaling</c> topic).</summary>
public sealed record ScaleDecision(string Scope, int DesiredInstances, string Reason)
{
    /// <summary>"No data" is an answer, not an error: keep what exists.</summary>
    public static ScaleDecision Keep(ScalingInput input, string reason) => new(input.Scope, input.CurrentInstances, reason);
}
