using StreamMetrics.Core.Workload;

namespace StreamMetrics.Core.Tests.Workload;

public sealed class SyntheticWorkloadTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_seed_gives_the_same_events()
    {
        var first = Slices(SyntheticWorkload.Demo(TimeSpan.FromSeconds(10), seed: 7));
        var second = Slices(SyntheticWorkload.Demo(TimeSpan.FromSeconds(10), seed: 7));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Event_counts_follow_the_rate_curve_within_five_percent()
    {
        var workload = SyntheticWorkload.Demo(TimeSpan.FromSeconds(200), seed: 11);
        var events = Slices(workload);

        foreach (var type in workload.Types)
        {
            var step = TimeSpan.FromMilliseconds(10);
            var expected = 0.0;
            for (var at = TimeSpan.Zero; at < workload.RunLength; at += step)
                expected += workload.RateAt(type, at + step / 2) * step.TotalSeconds;
            var actual = events.Count(e => e.Type == type.Name);
            Assert.InRange(actual, expected * 0.95, expected * 1.05);
        }
    }

    [Fact]
    public void Demo_types_carry_payloads_of_their_own_mean_size_so_the_busiest_type_is_not_the_largest_by_volume()
    {
        var workload = SyntheticWorkload.Demo(TimeSpan.FromSeconds(200), seed: 11);
        var events = Slices(workload);

        foreach (var type in workload.Types)
        {
            var sizes = events.Where(e => e.Type == type.Name).Select(e => e.PayloadBytes).ToList();
            Assert.InRange(sizes.Average(), type.MeanPayloadBytes * 0.95, type.MeanPayloadBytes * 1.05);
            Assert.InRange(sizes.Min(), type.MeanPayloadBytes / 2 - 1, type.MeanPayloadBytes);
            Assert.InRange(sizes.Max(), type.MeanPayloadBytes, type.MeanPayloadBytes * 3 / 2 + 1);
        }
        long Count(string type) => events.Count(e => e.Type == type);
        long Bytes(string type) => events.Where(e => e.Type == type).Sum(e => (long)e.PayloadBytes);
        Assert.True(Count("search") > 5 * Count("image-resize"));
        Assert.True(Bytes("image-resize") > 2 * Bytes("search"), $"image-resize {Bytes("image-resize")} bytes, search {Bytes("search")}");
    }

    [Fact]
    public void A_type_without_a_payload_size_sends_no_payload_and_sizes_do_not_move_the_arrivals()
    {
        var bare = new WorkloadType("t", 10, 0, 0, []);
        var events = new SyntheticWorkload([bare], TimeSpan.FromSeconds(20), seed: 3).EventsBetween(TimeSpan.Zero, TimeSpan.FromSeconds(20), Origin);
        var sized = new SyntheticWorkload([bare with { MeanPayloadBytes = 500 }], TimeSpan.FromSeconds(20), seed: 3)
            .EventsBetween(TimeSpan.Zero, TimeSpan.FromSeconds(20), Origin);

        Assert.All(events, e => Assert.Null(e.Payload));
        Assert.Equal(events.Select(e => (e.Timestamp, e.Key)), sized.Select(e => (e.Timestamp, e.Key)));
        Assert.All(sized, e => Assert.StartsWith("{\"data\":\"", e.Payload));
    }

    [Fact]
    public void A_burst_multiplies_the_rate_only_inside_its_window()
    {
        var type = new WorkloadType("t", 10, 0, 0, [new Burst(0.5, 0.1, 5)]);
        var workload = new SyntheticWorkload([type], TimeSpan.FromSeconds(100), seed: 1);

        Assert.Equal(10, workload.RateAt(type, TimeSpan.FromSeconds(49.9)), 6);
        Assert.Equal(50, workload.RateAt(type, TimeSpan.FromSeconds(55)), 6);
        Assert.Equal(10, workload.RateAt(type, TimeSpan.FromSeconds(60)), 6);
    }

    [Fact]
    public void Daily_curve_peaks_where_it_is_told_and_events_are_in_time_order()
    {
        var type = new WorkloadType("t", 10, 0.5, 0.25, []);
        var workload = new SyntheticWorkload([type], TimeSpan.FromSeconds(100), seed: 1);

        Assert.Equal(15, workload.RateAt(type, TimeSpan.FromSeconds(25)), 6);
        Assert.Equal(5, workload.RateAt(type, TimeSpan.FromSeconds(75)), 6);
        var events = workload.EventsBetween(TimeSpan.Zero, TimeSpan.FromSeconds(10), Origin);
        Assert.Equal(events.OrderBy(e => e.Timestamp), events);
    }

    [Fact]
    public void The_whole_run_read_lazily_is_the_same_as_its_slices_asked_for_in_order()
    {
        var sliced = Slices(SyntheticWorkload.Demo(TimeSpan.FromSeconds(10.05), seed: 3));

        var whole = SyntheticWorkload.Demo(TimeSpan.FromSeconds(10.05), seed: 3).Events(Origin, TimeSpan.FromMilliseconds(100)).ToList();

        Assert.Equal(sliced, whole);
        Assert.All(whole, e => Assert.InRange(e.Timestamp, Origin, Origin + TimeSpan.FromSeconds(10.05)));
    }

    private static List<StreamMetrics.Core.Events.StreamEvent> Slices(SyntheticWorkload workload)
    {
        var events = new List<StreamMetrics.Core.Events.StreamEvent>();
        var step = TimeSpan.FromMilliseconds(100);
        for (var at = TimeSpan.Zero; at < workload.RunLength; at += step)
            events.AddRange(workload.EventsBetween(at, at + step < workload.RunLength ? at + step : workload.RunLength, Origin));
        return events;
    }
}
