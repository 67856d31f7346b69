using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Replay.Evaluation;
using StreamMetrics.Replay.Simulation;
using StreamMetrics.Replay.Tests.Simulation;

namespace StreamMetrics.Replay.Tests.Evaluation;

public sealed class MetricVolumeModelTests
{
    private static readonly SimulationOptions Simulation = new();

    /// <summary>Meters hand-made invocations of one function under keepalive (one instance while they do not overlap).</summary>
    private static MetricVolumeMeter Meter(FixedArrivals arrivals, MetricVolumeOptions? options = null, double durationMs = 10)
    {
        var function = new SimulatedFunction(0, "f", new int[arrivals.Minutes], Scenarios.Constant("f", durationMs));
        var meter = new MetricVolumeMeter(function, options ?? new MetricVolumeOptions(), Simulation);
        new FunctionSimulation(function, PolicyCatalog.Get("keepalive"), Simulation, false, () => arrivals, meter).Run();
        return meter;
    }

    [Fact]
    public void Debug_keeps_all_six_metrics_of_every_invocation_at_their_encoded_size()
    {
        var meter = Meter(new FixedArrivals(1, (1, 0.01)));

        Assert.Equal(6, meter.AlwaysDebug.Records);
        // The sink's record: the sample with the input record it came from, Avro single-object encoded.
        var expected = MetricNames.All.Sum(metric => AvroCodecs.MetricSample.Encode(new MetricSample(
            "f", "debug", metric, 0, Simulation.Origin.AddSeconds(1), "f/debug/1", new SourceIdentity("events", 0, 0))).Length);
        Assert.Equal(expected, meter.AlwaysDebug.Bytes);
    }

    [Fact]
    public void Standard_keeps_every_cold_start_record_every_tenth_latency_and_wait_and_cpu_time_once_per_10s_per_instance()
    {
        // 100 invocations half a second apart on one warm instance: 100 cold_start, 10 latency_ms, 10 queue_wait_ms
        // records, and cpu_time_ms at 0 s, 10 s, ..., 40 s.
        var meter = Meter(new FixedArrivals(1, [.. Enumerable.Range(0, 100).Select(i => (0.5 * i, 0.01))]));

        Assert.Equal(100 + 10 + 10 + 5, meter.AlwaysStandard.Records);
    }

    [Fact]
    public void Adaptive_runs_debug_once_the_forecast_rate_reaches_the_medium_threshold()
    {
        // 30 invocations a minute (0.5/s) for five minutes against thresholds of 0.1/s and 0.2/s: with nothing forecast
        // the first minute runs minimal, then the forecast of 0.5/s puts the type at debug. The first arrival after the
        // switch still runs on the warm minimal instance while the debug one starts.
        var arrivals = new FixedArrivals(5, [.. Enumerable.Range(0, 150).Select(i => (2.0 * i + 1, 0.01))]);
        var options = new MetricVolumeOptions { Selection = new ProfileSelectorOptions { Low = 0.1, Medium = 0.2 } };

        var meter = Meter(arrivals, options);

        var byProfile = meter.Adaptive.ByProfile;
        Assert.Equal(31, byProfile[BuiltInProfiles.Minimal.Name].Invocations);
        Assert.Equal((119L, 6 * 119L), (byProfile[BuiltInProfiles.Debug.Name].Invocations, byProfile[BuiltInProfiles.Debug.Name].Records));
        Assert.False(byProfile.ContainsKey(BuiltInProfiles.Standard.Name));
        // Minute 0 is not counted at debug, minutes 1 to 4 are.
        Assert.Equal([0, 29, 30, 30, 30], meter.Adaptive.AtDebug);
    }

    [Fact]
    public void A_switch_takes_effect_once_the_new_configs_instances_are_warm()
    {
        // One arrival every 2 s on one warm instance; a pin cannot switch, so a threshold does: after minute 0 at
        // minimal the forecast of 30 a minute (0.5/s) moves the type to standard. The first arrival of minute 1 still runs
        // on the warm minimal instance (the standard one is starting); the rest on standard.
        var arrivals = new FixedArrivals(2, [.. Enumerable.Range(0, 60).Select(i => (2.0 * i + 0.5, 0.01))]);
        var options = new MetricVolumeOptions { Selection = new ProfileSelectorOptions { Low = 0.1, Medium = 100, Hysteresis = 0 } };

        var byProfile = Meter(arrivals, options).Adaptive.ByProfile;

        Assert.Equal(31, byProfile[BuiltInProfiles.Minimal.Name].Invocations);
        Assert.Equal(29, byProfile[BuiltInProfiles.Standard.Name].Invocations);
    }

    [Fact]
    public void The_report_sums_the_functions_of_the_metered_policy()
    {
        var functions = Scenarios.Mixed();

        var volume = MetricVolumeModel.Compute(functions, "keepalive", Simulation);

        Assert.Equal(6 * functions.Sum(f => f.Invocations), volume.AlwaysDebug.Records);
        Assert.InRange(volume.Adaptive.Records, 1, volume.AlwaysDebug.Records);
        Assert.InRange(volume.AlwaysStandard.Records, functions.Sum(f => f.Invocations), volume.AlwaysDebug.Records);
        Assert.True(volume.HighLoadMinutes >= 12 + 12, $"{volume.HighLoadMinutes} high-load minutes");
    }
}
