using System.Diagnostics;
using StreamMetrics.Replay.Live;

namespace StreamMetrics.Replay.Tests.Live;

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
