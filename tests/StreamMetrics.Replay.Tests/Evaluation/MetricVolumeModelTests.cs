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
        // Quiet at 10 a minute with a 500 peak every 10 minutes, for 6 hours.
        var counts = Enumerable.Range(0, 360).Select(m => m % 10 == 9 ? 500 : 10).ToArray();
        var function = new SimulatedFunction(0, "f", counts, Scenarios.Constant("f", 100));

        var volume = MetricVolumeModel.Compute([function]);

        // The EWMA upper bound after a peak stays high for a few minutes, so the minute after a peak is at debug but
        // the peak itself is not foreseen; the coverage figure shows that honestly.
        Assert.Equal(36, volume.HighLoadMinutes);
        Assert.True(volume.Adaptive.Records < volume.AlwaysDebug.Records);
        Assert.InRange(volume.HighLoadCoveredAtDebug, 0, 1);
    }
}
