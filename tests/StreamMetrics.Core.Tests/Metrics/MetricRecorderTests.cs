using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Metrics;

public sealed class MetricRecorderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
    private readonly SamplingCounters _counters = new();

    private static MetricConfig Config(string type, params (string Metric, string Rule)[] rules) =>
        new(type, new MetricProfile("p", [.. rules.Select(r => new MetricRule(r.Metric, SamplingRuleText.Parse(r.Rule, r.Metric)))], TimeSpan.FromDays(1)));

    private MetricRecorder Recorder(MetricConfig config, string id = "i1") => new(config, id, _counters, _time);

    [Fact]
    public void Every_event_keeps_every_record_with_its_context()
    {
        var recorder = Recorder(Config("checkout", ("latency_ms", "every")));
        for (var i = 0; i < 5; i++)
            recorder.Record("latency_ms", i);
        var samples = recorder.Drain();
        Assert.Equal([0.0, 1, 2, 3, 4], samples.Select(s => s.Value));
        Assert.All(samples, s => Assert.Equivalent(new { EventType = "checkout", Profile = "p", Metric = "latency_ms", InstanceId = "i1", Timestamp = _time.GetUtcNow() }, s));
        Assert.Empty(recorder.Drain());
    }

    [Fact]
    public void Every_n_keeps_the_nth_2nth_records_counted_over_all_instances()
    {
        var config = Config("checkout", ("latency_ms", "every 3"));
        var recorders = Enumerable.Range(0, 4).Select(i => Recorder(config, $"i{i}")).ToArray();
        for (var i = 1; i <= 20; i++)
            recorders[i % recorders.Length].Record("latency_ms", i);
        var kept = recorders.SelectMany(r => r.Drain()).Select(s => s.Value).Order();
        Assert.Equal([3.0, 6, 9, 12, 15, 18], kept);
        Assert.Equal(20, _counters.Count(config, "latency_ms"));
    }

    [Fact]
    public void Every_n_is_exact_under_concurrent_recording()
    {
        var config = Config("checkout", ("latency_ms", "every 7"));
        var recorders = Enumerable.Range(0, 8).Select(i => Recorder(config, $"i{i}")).ToArray();
        Parallel.For(0, recorders.Length, i =>
        {
            for (var n = 0; n < 1000; n++)
                recorders[i].Record("latency_ms", n);
        });
        Assert.Equal(8000 / 7, recorders.Sum(r => r.Drain().Count));
    }

    [Fact]
    public void Every_n_counts_separately_per_type_profile_and_metric()
    {
        var a = Recorder(Config("a", ("latency_ms", "every 2"), ("cold_start", "every 2")));
        var b = Recorder(Config("b", ("latency_ms", "every 2")));
        a.Record("latency_ms", 1);
        b.Record("latency_ms", 1);
        a.Record("cold_start", 1);
        Assert.Empty(a.Drain());
        Assert.Empty(b.Drain());
        a.Record("latency_ms", 2);
        Assert.Equal(["latency_ms"], a.Drain().Select(s => s.Metric));
    }

    [Fact]
    public void Every_interval_is_per_instance_first_record_always_then_after_the_interval()
    {
        var config = Config("checkout", ("cpu_time_ms", "every 10s"));
        var one = Recorder(config, "one");
        var two = Recorder(config, "two");
        one.Record("cpu_time_ms", 1);
        _time.Advance(TimeSpan.FromSeconds(3));
        one.Record("cpu_time_ms", 2);
        two.Record("cpu_time_ms", 3);
        _time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        one.Record("cpu_time_ms", 4);
        _time.Advance(TimeSpan.FromTicks(1));
        one.Record("cpu_time_ms", 5);
        one.Record("cpu_time_ms", 6);
        Assert.Equal([1.0, 5], one.Drain().Select(s => s.Value));
        Assert.Equal([3.0], two.Drain().Select(s => s.Value));
    }

    [Fact]
    public void Metrics_the_config_does_not_name_are_dropped_and_not_wanted()
    {
        var recorder = Recorder(Config("checkout", ("latency_ms", "every")));
        Assert.True(recorder.Wants("latency_ms"));
        Assert.False(recorder.Wants("payload_bytes"));
        Assert.False(recorder.Wants("no_such_metric"));
        recorder.Record("payload_bytes", 10);
        recorder.Record("no_such_metric", 1);
        Assert.Empty(recorder.Drain());
    }

    [Fact]
    public void Built_in_minimal_keeps_one_latency_in_a_hundred_and_every_cold_start()
    {
        var recorder = Recorder(new MetricConfig("checkout", BuiltInProfiles.Minimal));
        for (var i = 0; i < 250; i++)
        {
            recorder.Record("latency_ms", i);
            recorder.Record("cold_start", 0);
            recorder.Record("queue_wait_ms", i);
        }
        var samples = recorder.Drain();
        Assert.Equal(2, samples.Count(s => s.Metric == "latency_ms"));
        Assert.Equal(250, samples.Count(s => s.Metric == "cold_start"));
        Assert.DoesNotContain(samples, s => s.Metric == "queue_wait_ms");
    }
}
