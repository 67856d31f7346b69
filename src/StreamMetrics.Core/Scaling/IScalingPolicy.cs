namespace StreamMetrics.Core.Scaling;

/// <summary>
/// Decides how many instances one scope (an event type, or the whole pool) should have.
/// A policy is a pure function of its input, its own bounded history and the time.
/// </summary>
public interface IScalingPolicy
{
    /// <summary>Short name used on the command line and in reports (<c>reactive</c>, <c>predictive</c>, ...).</summary>
    string Name { get; }

    ScaleDecision Decide(ScalingInput input, DateTimeOffset now);
}
