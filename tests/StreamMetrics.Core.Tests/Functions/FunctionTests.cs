using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Functions;

public sealed class FunctionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    private static StreamEvent Event(string? payload, string type = "checkout") => new(type, "k", DateTimeOffset.UnixEpoch, payload);

    private MetricRecorder DebugRecorder() => new(new MetricConfig("checkout", BuiltInProfiles.Debug), "i", new SamplingCounters(), _time);

    [Fact]
    public async Task Echo_returns_the_payload_and_records_its_bytes()
    {
        var recorder = DebugRecorder();
        var result = await new EchoFunction().InvokeAsync(Event("""{"name":"Zoë"}"""), recorder, CancellationToken.None);
        Assert.Equal("""{"name":"Zoë"}""", result.Output);
        var samples = recorder.Drain().ToDictionary(s => s.Metric, s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["payload_bytes"] = 15, ["result_bytes"] = 15 }, samples);
    }

    [Fact]
    public async Task Noop_records_nothing()
    {
        var recorder = DebugRecorder();
        var result = await new NoopFunction().InvokeAsync(Event("{}"), recorder, CancellationToken.None);
        Assert.Equal(FunctionResult.Empty, result);
        Assert.Empty(recorder.Drain());
    }

    [Fact]
    public async Task Synthetic_waits_the_payload_duration_on_the_clock_and_reports_it_as_cpu_time()
    {
        var function = new SyntheticFunction(new SyntheticFunctionOptions { Duration = TimeSpan.FromMilliseconds(10) }, _time);
        var recorder = DebugRecorder();
        var run = function.InvokeAsync(Event("""{"durationMs": 40, "x": 1}"""), recorder, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(39));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(40), result.CpuTime);
        Assert.Equal(["payload_bytes", "result_bytes"], recorder.Drain().Select(s => s.Metric));
    }

    [Fact]
    public async Task Synthetic_waits_end_on_time_on_average_once_it_has_learnt_the_timers_lateness()
    {
        var late = new LateTimers(_time, TimeSpan.FromMilliseconds(40));
        var function = new SyntheticFunction(new SyntheticFunctionOptions(), late);
        var elapsed = new List<double>();
        for (var i = 0; i < 2_000; i++)
        {
            var start = _time.GetTimestamp();
            var fired = late.Fired;
            var run = function.InvokeAsync(Event("""{"durationMs": 100}"""), DebugRecorder(), CancellationToken.None).AsTask();
            while (late.Fired == fired)
                _time.Advance(TimeSpan.FromMilliseconds(1));
            elapsed.Add(_time.GetElapsedTime(start).TotalMilliseconds);
            Assert.Equal(TimeSpan.FromMilliseconds(100), (await run.WaitAsync(TimeSpan.FromSeconds(10))).CpuTime);
        }

        Assert.Equal(140, elapsed[0], 0);
        Assert.InRange(elapsed.TakeLast(200).Average(), 99, 102);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"durationMs": "soon"}""")]
    [InlineData("""{"durationMs": 12""")]
    [InlineData("""{"other": 5}""")]
    public async Task Synthetic_without_a_usable_payload_duration_takes_the_configured_one(string? payload)
    {
        // 37 ms: neither zero nor the 10 ms default, so only the configured duration passes.
        var function = new SyntheticFunction(new SyntheticFunctionOptions { Duration = TimeSpan.FromMilliseconds(37) }, _time);
        var run = function.InvokeAsync(Event(payload), DebugRecorder(), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(36));
        Assert.False(run.IsCompleted, "the invocation ended before the configured 37 ms");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(37), result.CpuTime);
    }

    [Fact]
    public async Task Synthetic_exponential_durations_repeat_with_the_seed_and_have_the_configured_mean()
    {
        async Task<double[]> Draw(int seed)
        {
            var time = new FakeTimeProvider();
            var function = new SyntheticFunction(new SyntheticFunctionOptions { Duration = TimeSpan.FromMilliseconds(20), Distribution = SyntheticDistribution.Exponential, Seed = seed }, time);
            var values = new double[2000];
            for (var i = 0; i < values.Length; i++)
            {
                var run = function.InvokeAsync(Event(null), new MetricRecorder(new MetricConfig("t", BuiltInProfiles.Minimal), "i", new SamplingCounters(), time), CancellationToken.None).AsTask();
                time.Advance(TimeSpan.FromMinutes(10));
                values[i] = (await run.WaitAsync(TimeSpan.FromSeconds(10))).CpuTime.TotalMilliseconds;
            }
            return values;
        }

        var first = await Draw(7);
        Assert.Equal(first, await Draw(7));
        Assert.NotEqual(first, await Draw(8));
        Assert.InRange(first.Average(), 18, 22);
        Assert.True(first.Distinct().Count() > 1900);
    }

    [Fact]
    public async Task Synthetic_busy_mode_spins_until_the_duration_has_passed()
    {
        var function = new SyntheticFunction(new SyntheticFunctionOptions { Mode = SyntheticMode.Busy }, TimeProvider.System);
        var start = TimeProvider.System.GetTimestamp();
        var result = await function.InvokeAsync(Event("""{"durationMs": 30}"""), DebugRecorder(), CancellationToken.None);
        Assert.True(TimeProvider.System.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.FromMilliseconds(30), result.CpuTime);
    }

    [Fact]
    public void Catalog_maps_types_to_configured_functions_and_others_to_the_default()
    {
        var options = new FunctionCatalogOptions
        {
            Default = new FunctionSpec(FunctionCatalog.Echo),
            Types = new Dictionary<string, FunctionSpec> { ["ping"] = new(FunctionCatalog.Noop), ["work"] = new(FunctionCatalog.Synthetic) },
        };
        var catalog = new FunctionCatalog(options, _time);
        Assert.IsType<NoopFunction>(catalog.For("ping"));
        Assert.IsType<SyntheticFunction>(catalog.For("work"));
        Assert.IsType<EchoFunction>(catalog.For("anything"));
        Assert.IsType<SyntheticFunction>(new FunctionCatalog(new FunctionCatalogOptions(), _time).For("anything"));
    }
}
