using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Core.Tests.Events;

public sealed class ClockReaderTests
{
    [Fact]
    public void On_a_fake_clock_every_reading_is_the_clocks_own_utc_time_and_timestamp()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var reader = new ClockReader(time);
        // Steps within the interval, across it, and far beyond it, of odd lengths.
        TimeSpan[] steps = [TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(37.3), TimeSpan.FromMilliseconds(99.9999),
            TimeSpan.FromMilliseconds(0.7), TimeSpan.FromSeconds(3.1415926), TimeSpan.FromTicks(12_345), TimeSpan.FromHours(1)];
        foreach (var step in steps)
        {
            time.Advance(step);
            var reading = reader.Read();
            Assert.Equal((time.GetTimestamp(), time.GetUtcNow().UtcTicks), (reading.Timestamp, reading.UtcTicks));
            Assert.Equal(time.GetUtcNow(), reading.UtcNow);
        }
    }

    [Fact]
    public void A_step_of_the_utc_clock_alone_shows_once_the_timestamps_have_moved_an_interval()
    {
        var time = new SteppingClock();
        var reader = new ClockReader(time);
        var before = reader.Read();
        time.Utc += TimeSpan.FromHours(1);

        time.Timestamp += ClockReader.Interval.Ticks / 2;
        var within = reader.Read();
        time.Timestamp += ClockReader.Interval.Ticks / 2;
        var after = reader.Read();

        Assert.Equal(before.UtcTicks + (ClockReader.Interval.Ticks / 2), within.UtcTicks);
        Assert.Equal(time.Utc.UtcTicks, after.UtcTicks);
        Assert.Equal(time.Timestamp, after.Timestamp);
    }

    /// <summary>A clock whose UTC time and timestamps (in ticks) are set apart, as the system's wall clock can step.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        public DateTimeOffset Utc { get; set; } = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

        public long Timestamp { get; set; } = 1_000_000;

        public override DateTimeOffset GetUtcNow() => Utc;

        public override long GetTimestamp() => Timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }
}
