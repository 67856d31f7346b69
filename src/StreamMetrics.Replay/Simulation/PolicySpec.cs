using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Replay.Simulation;

/// <summary>A policy as the simulator runs it: a name for reports and a factory making one policy per function.</summary>
/// <param name="Name">Report name (<c>kpa</c>, <c>predictive@1.5</c>, ...).</param>
/// <param name="Create">Makes the policy for one function.</param>
/// <param name="SeesFuture">
/// Clairvoyant: an invocation that would start a new instance finds one started exactly one cold-start earlier, and an
/// idle instance retired after its idle timeout is charged only until it went idle (it knew it would not be needed).
/// </param>
/// <param name="NeedsMinutePeaks">The factory is given each minute's peak concurrency.</param>
public sealed record PolicySpec(string Name, Func<PolicyContext, IScalingPolicy> Create, bool SeesFuture = false, bool NeedsMinutePeaks = false);
