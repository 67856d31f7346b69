using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Simulation;
using StreamMetrics.Replay.Tests.Simulation;

namespace StreamMetrics.Replay.Tests.Evaluation;

public sealed class MetricVolumeModelTests
{
    [Fact]
    public void Always_debug_is_six_records_an_invocation_and_standard_a_tenth_of_it()
    {
        var functions = Scenarios.Mixed();
        var invocations = functions.Sum(f => f.Invocations);

        var volume = MetricVolumeModel.Compute(functions);

        Assert.Equal(6 * invocations, volume.AlwaysDebug.Records);
        Assert.Equal((long)Math.Round(0.6 * invocations), volume.AlwaysStandard.Records);
        Assert.Equal(64 * volume.AlwaysDebug.Records, volume.AlwaysDebug.Bytes);
        Assert.InRange(volume.Adaptive.Records, volume.AlwaysStandard.Records, volume.AlwaysDebug.Records);
    }

    [Fact]
    public void Adaptive_runs_recurring_peaks_at_debug_once_it_has_learnt_the_threshold()
    {
        // Quiet at 10 a minute with a two-minute peak of 500 every 10 minutes, for 6 hours: 2 x 36 = 72 peak minutes. The
        // top decile is 36 minutes, all of them peaks, so the threshold is 500 and every peak minute is high load.
        var counts = Enumerable.Range(0, 360).Select(m => m % 10 >= 8 ? 500 : 10).ToArray();
        MetricVolumeReport FirstMinutes(int minutes) =>
            MetricVolumeModel.Compute([new SimulatedFunction(0, "f", counts[..minutes], Scenarios.Constant("f", 100))]);

        // Each minute is decided from the minutes before it, so the first hour's figures are those of a one-hour run.
        var firstHour = FirstMinutes(60);
        var volume = FirstMinutes(360);

        // The threshold is learnt from the first hour at minute 60; before that no minute runs at debug.
        Assert.Equal((12L, 0L), (firstHour.HighLoadMinutes, firstHour.HighLoadMinutesAtDebug));
        Assert.Equal(firstHour.AlwaysStandard.Records, firstHour.Adaptive.Records);
        // After it, the forecast foresees the peaks: at least nine in ten of the 60 later peak minutes run at debug.
        Assert.Equal(72, volume.HighLoadMinutes);
        var laterAtDebug = volume.HighLoadMinutesAtDebug - firstHour.HighLoadMinutesAtDebug;
        Assert.True(laterAtDebug >= 54, $"{laterAtDebug} of the 60 peak minutes after the first hour ran at debug");
        // The quiet minutes mostly do not: adaptive stays well below always-debug.
        Assert.True(volume.Adaptive.Records < 0.9 * volume.AlwaysDebug.Records,
            $"adaptive {volume.Adaptive.Records} records against always-debug {volume.AlwaysDebug.Records}");
    }
}
