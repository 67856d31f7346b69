namespace StreamMetrics.Cli.Tests.Http;

/// <summary>The tests that share one <see cref="LiveDemo"/>; they run one after another.</summary>
[CollectionDefinition(nameof(LiveDemoCollection))]
public sealed class LiveDemoCollection : ICollectionFixture<LiveDemo>;
