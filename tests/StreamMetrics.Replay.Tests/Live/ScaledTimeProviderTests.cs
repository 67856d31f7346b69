using System.Diagnostics;
using StreamMetrics.Replay.Live;

namespace StreamMetrics.Replay.Tests.Live;

[Collection(WallClockTimingCollection.Name)]
public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset Origin = new(2019, 7, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Clock_time_passes_speed_times_faster_than_the_wall_clock()
    {
        var clock = new ScaledTimeProvider(Origin, 250);
        var clockStart = clock.GetTimestamp();
        var wallStart = Stopwatch.GetTimestamp();

        await Task.Delay(TimeSpan.FromMilliseconds(40));

        var clockElapsed = clock.GetElapsedTime(clockStart);
        var wallElapsed = Stopwatch.GetElapsedTime(wallStart);
        Assert.InRange(clockElapsed / wallElapsed, 245, 255);
        Assert.True(clock.GetUtcNow() >= Origin + clockElapsed, $"now {clock.GetUtcNow():O} is behind origin + {clockElapsed}");
    }

    [Fact]
    public async Task A_delay_in_clock_time_ends_when_the_clock_has_moved_that_far_and_well_before_the_wall_clock_has()
    {
        var clock = new ScaledTimeProvider(Origin, 1000);
        var wall = Stopwatch.StartNew();
        var clockStart = clock.GetTimestamp();

        await Task.Delay(TimeSpan.FromSeconds(5), clock);

        Assert.True(clock.GetElapsedTime(clockStart) >= TimeSpan.FromSeconds(5), $"delay ended after {clock.GetElapsedTime(clockStart)} of clock time");
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(2.5), $"a 5 s clock delay at speed 1000 took {wall.Elapsed} of wall-clock time");
    }

    [Fact]
    public void Spans_map_to_wall_clock_divided_by_the_speed_and_infinite_or_zero_stay_as_they_are()
    {
        var clock = new ScaledTimeProvider(Origin, 60);

        Assert.Equal(TimeSpan.FromSeconds(1), clock.ToWallClock(TimeSpan.FromMinutes(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, clock.ToWallClock(Timeout.InfiniteTimeSpan));
        Assert.Equal(TimeSpan.Zero, clock.ToWallClock(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromTicks(1), clock.ToWallClock(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public async Task A_periodic_timer_keeps_firing_on_its_period_until_disposed()
    {
        var clock = new ScaledTimeProvider(Origin, 1000);
        var ticks = 0;
        var clockStart = clock.GetTimestamp();
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await Eventually.True(() => Volatile.Read(ref ticks) >= 5, "five ticks");
        Assert.True(clock.GetElapsedTime(clockStart) >= TimeSpan.FromSeconds(5), $"five 1 s ticks after {clock.GetElapsedTime(clockStart)} of clock time");
        await timer.DisposeAsync();
        var afterDispose = Volatile.Read(ref ticks);
        await Task.Delay(TimeSpan.FromSeconds(20), clock);
        Assert.InRange(Volatile.Read(ref ticks), afterDispose, afterDispose + 1);
    }

    [Fact]
    public async Task Changing_a_timer_replaces_its_schedule_and_an_infinite_due_time_stops_it()
    {
        var clock = new ScaledTimeProvider(Origin, 1000);
        var fired = 0;
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        await Eventually.True(() => Volatile.Read(ref fired) == 1, "the rescheduled firing");
        Assert.True(timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        await Task.Delay(TimeSpan.FromSeconds(10), clock);
        Assert.Equal(1, Volatile.Read(ref fired));
        timer.Dispose();
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(20_000)]
    [InlineData(double.NaN)]
    public void A_speed_out_of_range_is_refused_naming_the_value(double speed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(Origin, speed));
        Assert.Contains("speed = ", error.Message);
        Assert.Contains("between 1 and 10000", error.Message);
    }
}
