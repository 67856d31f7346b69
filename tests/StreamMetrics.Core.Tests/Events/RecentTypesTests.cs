using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Core.Tests.Events;

public sealed class RecentTypesTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
    private readonly List<string> _evicted = [];

    private RecentTypes<Counter> Table(int maxTypes, Func<Counter, bool>? canEvict = null) =>
        new(new TypeTableOptions { MaxTypes = maxTypes, IdleTimeout = Idle }, _time, canEvict, (type, _) => _evicted.Add(type));

    private static Counter Seen(RecentTypes<Counter> table, string type)
    {
        var counter = table.Touch(type, _ => new Counter());
        counter.Events++;
        return counter;
    }

    private static List<string> Types(RecentTypes<Counter> table) => table.Entries.Select(entry => entry.Key).ToList();

    [Fact]
    public void At_capacity_a_new_type_evicts_the_least_recently_seen_one()
    {
        var table = Table(maxTypes: 3);
        Seen(table, "a");
        Seen(table, "b");
        Seen(table, "c");
        Seen(table, "a"); // b is now the least recently seen

        Seen(table, "d");

        Assert.Equal(["b"], _evicted);
        Assert.Equal(["c", "a", "d"], Types(table));
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void Evictions_follow_the_order_of_last_sight()
    {
        var table = Table(maxTypes: 2);
        foreach (var type in new[] { "a", "b", "a", "c", "b", "d" })
            Seen(table, type);

        // a, b seen; a again; c evicts b; b evicts a; d evicts c.
        Assert.Equal(["b", "a", "c"], _evicted);
        Assert.Equal(["b", "d"], Types(table));
    }

    [Fact]
    public void A_hundred_thousand_new_types_never_grow_the_table_past_its_bound()
    {
        var table = Table(maxTypes: 1000);
        var largest = 0;
        for (var i = 0; i < 100_000; i++)
        {
            Seen(table, $"random-{i}");
            largest = Math.Max(largest, table.Count);
        }
        Assert.Equal(1000, largest);
        Assert.Equal(99_000, table.Evicted);
        Assert.Equal("random-99000", Types(table)[0]);
    }

    [Fact]
    public void Types_idle_for_the_timeout_are_evicted_and_seen_ones_stay()
    {
        var table = Table(maxTypes: 100);
        Seen(table, "quiet");
        Seen(table, "busy");
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Seen(table, "busy");
        Assert.Equal(0, table.EvictIdle());

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, table.EvictIdle());
        Assert.Equal(["quiet"], _evicted);
        Assert.Equal(["busy"], Types(table));
    }

    [Fact]
    public void A_touch_evicts_an_idle_oldest_type_without_a_sweep()
    {
        var table = Table(maxTypes: 100);
        Seen(table, "old");
        _time.Advance(Idle);

        Seen(table, "new");

        Assert.Equal(["old"], _evicted);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_returning_type_starts_afresh()
    {
        var table = Table(maxTypes: 1);
        Seen(table, "a");
        Assert.Equal(2, Seen(table, "a").Events);

        Seen(table, "b");
        var returned = Seen(table, "a");

        Assert.Equal(1, returned.Events);
        Assert.Equal(["a", "b"], _evicted);
    }

    [Fact]
    public void A_protected_type_is_skipped_and_the_next_least_recently_seen_goes()
    {
        var table = Table(maxTypes: 2, canEvict: counter => !counter.Busy);
        Seen(table, "a").Busy = true;
        Seen(table, "b");

        Seen(table, "c");

        Assert.Equal(["b"], _evicted);
        Assert.Equal(["a", "c"], Types(table));
    }

    [Fact]
    public void While_every_type_is_protected_a_new_one_is_taken_beyond_the_bound_and_the_table_shrinks_back_later()
    {
        var table = Table(maxTypes: 1, canEvict: counter => !counter.Busy);
        var a = Seen(table, "a");
        a.Busy = true;

        Seen(table, "b");
        Assert.Equal(2, table.Count);

        a.Busy = false;
        Seen(table, "c");

        Assert.Equal(["a", "b"], _evicted);
        Assert.Equal(["c"], Types(table));
    }

    [Fact]
    public void A_removed_type_leaves_the_order_and_the_room_without_counting_as_evicted()
    {
        var table = Table(maxTypes: 3);
        Seen(table, "a");
        Seen(table, "b");
        Seen(table, "c");

        Assert.True(table.Remove("b"));
        Assert.False(table.Remove("b"));
        Seen(table, "d"); // the room b left: nothing is evicted

        Assert.Equal(["a", "c", "d"], Types(table));
        Assert.Empty(_evicted);
        Assert.Equal(0, table.Evicted);
        Seen(table, "e");
        Assert.Equal(["a"], _evicted);
    }

    [Fact]
    public void Reading_a_type_does_not_count_as_seeing_it()
    {
        var table = Table(maxTypes: 2);
        Seen(table, "a");
        Seen(table, "b");
        Assert.True(table.TryGet("a", out _));

        Seen(table, "c");

        Assert.Equal(["a"], _evicted);
    }

    [Theory]
    [InlineData(0, 60, "--max-types = 0, must be between 1 and 10000000")]
    [InlineData(10, 0.5, "--type-idle-timeout = 500ms, must be between 1s and 30d")]
    public void Out_of_range_options_name_the_option_and_the_value(int maxTypes, double idleSeconds, string message)
    {
        var options = new TypeTableOptions { MaxTypes = maxTypes, IdleTimeout = TimeSpan.FromSeconds(idleSeconds) };
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => options.Validate()).Message);
    }

    private sealed class Counter
    {
        public int Events { get; set; }

        public bool Busy { get; set; }
    }
}
