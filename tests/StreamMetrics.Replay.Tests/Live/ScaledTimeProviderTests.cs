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
        var start = Read(clock);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var end = Read(clock);

        // A clock reading is floor(speed x stopwatch ticks since creation), taken between its two wall-clock readings.
        // So over 200 ms the clock moved 250 times the wall-clock time between the readings' inner ends at least and
        // between their outer ends at most, +-1 tick for the floors: exact bounds, however this thread is scheduled,
        // about 1 microsecond apart against 50 s of clock time when it is not interrupted in a reading.
        var clockTicks = end.Clock - start.Clock;
        var least = 250 * (end.WallBefore - start.WallAfter) - 1;
        var most = 250 * (end.WallAfter - start.WallBefore) + 1;
        Assert.True(clockTicks >= least && clockTicks <= most,
            $"clock moved {clockTicks} ticks, {(double)clockTicks / (end.WallBefore - start.WallBefore):F3} x the wall clock; expected {least} to {most}");
        var sinceStart = clock.GetElapsedTime(start.Clock);
        Assert.True(clock.GetUtcNow() >= Origin + sinceStart, $"now {clock.GetUtcNow():O} is behind origin + {sinceStart}");
    }

    /// <summary>A clock timestamp with stopwatch timestamps taken just before and just after it.</summary>
    private static (long WallBefore, long Clock, long WallAfter) Read(ScaledTimeProvider clock)
    {
        var before = Stopwatch.GetTimestamp();
        var reading = clock.GetTimestamp();
        return (before, reading, Stopwatch.GetTimestamp());
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
        // Due in a day of clock time, 86.4 s of wall-clock time at speed 1000: long after the 10 s the wait below allows,
        // so only the changed schedule can fire within it.
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromDays(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        await Eventually.True(() => Volatile.Read(ref fired) == 1, "the rescheduled firing", TimeSpan.FromSeconds(10));

        // Every second from 10 minutes on (600 ms of wall-clock time: the next call comes first even on a busy machine),
        // then stopped: over 15 minutes of clock time it would fire about 300 times.
        Assert.True(timer.Change(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1)));
        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        await Task.Delay(TimeSpan.FromMinutes(15), clock);
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
