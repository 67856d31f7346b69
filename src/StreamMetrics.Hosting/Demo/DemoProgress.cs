using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Demo;

/// <summary>What a view of a running demo reads: the service's live parts and how many events were produced so far.</summary>
public sealed record DemoProgress(ServiceComponents Components, Func<long> Produced);
