using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

/// <summary>The per-event path's <see cref="WorkerPool.InvokeValueAsync"/>: the kept samples go to the caller's list.</summary>
public sealed class WorkerPoolSampleListTests
{
    private static readonly MetricConfig Debug = new("checkout", BuiltInProfiles.Debug);
    private static readonly StreamEvent Event = new("checkout", "k", DateTimeOffset.UnixEpoch, null);

    private readonly WorkerPool _pool = new(
        new WorkerPoolOptions { ColdStart = TimeSpan.Zero, InitialParallelism = 4, MaxParallelism = 4 },
        new FunctionCatalog(new NoopFunction()), new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task The_samples_go_to_the_given_list_which_is_cleared_first_and_are_the_invocations_samples()
    {
        var expected = (await _pool.InvokeAsync(Event, Debug, CancellationToken.None)).Samples.Select(s => s.Metric).ToList();
        Assert.NotEmpty(expected);
        var stale = new MetricSample("old", "debug", MetricNames.LatencyMs, 1, DateTimeOffset.UnixEpoch, "old-1");
        var list = new List<MetricSample> { stale };

        var invocation = await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None);

        Assert.Same(list, invocation.Samples);
        Assert.Equal(expected, list.Select(s => s.Metric));
        Assert.DoesNotContain(stale, list);
        Assert.All(list, s => Assert.Equal(("checkout", "debug"), (s.EventType, s.Profile)));
    }

    [Fact]
    public async Task Reusing_the_list_gives_each_invocation_only_its_own_samples()
    {
        var list = new List<MetricSample>();
        var first = (await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None)).Samples.Count;
        var second = (await _pool.InvokeValueAsync(Event, Debug, list, CancellationToken.None)).Samples.Count;

        Assert.True(first > 0);
        Assert.Equal(first, second);
        Assert.Equal(first, list.Count);
    }
}
