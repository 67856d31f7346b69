namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The fixed keep-alive policy studied in "Serverless in the Wild" (Shahrad et al., USENIX ATC 2020): nothing is
/// pre-warmed; every instance is retired once it has been idle for the keep-alive time (10 minutes by default).
/// The answer never changes, so it holds until the end of time.
/// </summary>
public sealed class KeepAlivePolicy : IScalingPolicy
{
    private readonly KeepAlivePolicyOptions _options;
    private ScaleDecision? _decision;

    public KeepAlivePolicy(KeepAlivePolicyOptions? options = null)
    {
        _options = options ?? new KeepAlivePolicyOptions();
        _options.Validate();
    }

    public string Name => "keepalive";

    public ScaleDecision Decide(ScalingInput input, DateTimeOffset now) =>
        _decision is { } d && d.Scope == input.Scope
            ? d
            : _decision = new ScaleDecision(input.Scope, 0, "keep-alive")
            {
                IdleTimeout = _options.KeepAlive,
                HoldsUntil = DateTimeOffset.MaxValue,
            };
}
