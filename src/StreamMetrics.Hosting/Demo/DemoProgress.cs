using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Demo;

/// <summary>
/// What a view of a running demo reads: the service's live parts, how many events were produced so far, and where the
/// operators' endpoint listens (null without one).
/// </summary>
public sealed record DemoProgress(ServiceComponents Components, Func<long> Produced, Uri? Http = null);
