using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Metrics;

/// <summary>
/// The telemetry an instance of one event type's function collects, chosen before the instance starts.
/// Equal configs may share instances; a different config means new instances.
/// </summary>
public sealed record MetricConfig(string EventType, MetricProfile Profile)
{
    // The worker pool looks its instances up by config several times per invocation: the hash is computed once, not
    // from the type's and the profile's strings on every lookup. Zero means not computed yet.
    private int _hash;

    /// <summary>A copy made by <c>with</c> computes its own hash, since it may name another type or profile.</summary>
    private MetricConfig(MetricConfig original)
    {
        EventType = original.EventType;
        Profile = original.Profile;
    }

    public bool Equals(MetricConfig? other) =>
        ReferenceEquals(this, other) || (other is not null && EventType == other.EventType && Profile == other.Profile);

    public override int GetHashCode()
    {
        if (_hash == 0)
            _hash = HashCode.Combine(EventType, Profile) | 1;
        return _hash;
    }
}
