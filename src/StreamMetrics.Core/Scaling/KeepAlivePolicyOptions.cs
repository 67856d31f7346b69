namespace StreamMetrics.Core.Scaling;

public sealed class KeepAlivePolicyOptions
{
    /// <summary>How long an instance stays warm after its last invocation ends. Range 1 s to 24 h; default 10 minutes.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromMinutes(10);

    public void Validate()
    {
        if (KeepAlive < TimeSpan.FromSeconds(1) || KeepAlive > TimeSpan.FromHours(24))
            throw new ArgumentOutOfRangeException(nameof(KeepAlive), $"keep-alive = {KeepAlive.TotalSeconds}s, must be between 1s and 24h");
    }
}
