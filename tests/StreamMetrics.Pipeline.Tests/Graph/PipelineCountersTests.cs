using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

public sealed class PipelineCountersTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Figures_by_type_come_in_type_order_and_the_ticks_lookup_holds_the_same_profiles()
    {
        var counters = new PipelineCounters(new TypeTableOptions(), _time);
        foreach (var type in new[] { "m", "b", "x", "a" })
        {
            counters.Processed(type);
            counters.ProfileChosen(type, type == "x" ? "debug" : "minimal");
        }

        Assert.Equal(["a", "b", "m", "x"], counters.ProcessedByType.Keys);
        Assert.Equal(["a", "b", "m", "x"], counters.ProfileByType.Keys);
        Assert.Equal(counters.ProfileByType.OrderBy(p => p.Key), counters.ProfileLookup().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Per_type_figures_keep_the_bound_and_forget_idle_types_while_the_totals_keep_counting()
    {
        var counters = new PipelineCounters(new TypeTableOptions { MaxTypes = 2, IdleTimeout = Idle }, _time);
        counters.Processed("a");
        counters.ProfileChosen("a", "debug");
        counters.Processed("b");
        counters.Processed("b");
        counters.Processed("c");

        Assert.Equal(new Dictionary<string, long> { ["b"] = 2, ["c"] = 1 }, counters.ProcessedByType);
        Assert.Empty(counters.ProfileByType);
        Assert.Equal((2, 2), (counters.TypeCount, counters.PeakTypeCount));

        // b and c have been idle for the timeout: they go as a comes back, afresh.
        _time.Advance(Idle);
        counters.ProfileChosen("a", "minimal");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "minimal" }, counters.ProfileByType);
        Assert.Equal(counters.ProfileByType, counters.ProfileLookup());
        Assert.Empty(counters.ProcessedByType);

        // With no traffic at all, the scaling tick's sweep forgets idle types.
        _time.Advance(Idle);
        Assert.Equal(1, counters.ForgetIdleTypes());
        Assert.Equal(0, counters.TypeCount);
        Assert.Equal(4, counters.EventsProcessed);
    }

    [Fact]
    public void A_type_counted_from_several_threads_keeps_every_event_in_its_figure()
    {
        const int PerThread = 10_000;
        var counters = new PipelineCounters(new TypeTableOptions { MaxTypes = 10, IdleTimeout = Idle }, _time);
        string[] types = ["a", "b", "c"];

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < PerThread; i++)
                counters.Processed(types[(i + thread) % types.Length]);
        });

        Assert.Equal(4 * PerThread, counters.EventsProcessed);
        Assert.Equal(4 * PerThread, counters.ProcessedByType.Values.Sum());
        Assert.Equal(3, counters.TypeCount);
    }

    [Fact]
    public void A_type_that_keeps_coming_is_not_forgotten_as_idle()
    {
        var counters = new PipelineCounters(new TypeTableOptions { MaxTypes = 10, IdleTimeout = Idle }, _time);
        counters.Processed("steady");
        counters.Processed("once");

        // Within the idle timeout the steady type has as many events as its figure takes between two sightings.
        _time.Advance(Idle - TimeSpan.FromMinutes(1));
        for (var i = 1; i < PipelineCounters.SeenEvery; i++)
            counters.Processed("steady");
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, counters.ForgetIdleTypes());
        Assert.Equal(new Dictionary<string, long> { ["steady"] = PipelineCounters.SeenEvery }, counters.ProcessedByType);
    }
}
