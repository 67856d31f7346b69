using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Benchmarks.Pipeline;

/// <summary>
/// Cost of an instance's <see cref="MetricRecorder"/>: a metric its profile keeps every time (debug's latency_ms, then
/// drained as the worker pool does after each invocation), and one it samples out (minimal's latency_ms, kept once in
/// 100, so 99 of 100 calls are drops).
/// </summary>
[MemoryDiagnoser]
public class RecorderBenchmarks
{
    private const int Calls = 1000;
    private MetricRecorder _keeps = null!;
    private MetricRecorder _drops = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keeps = new MetricRecorder(new MetricConfig("checkout", BuiltInProfiles.Debug), "checkout-1", new SamplingCounters(), TimeProvider.System);
        _drops = new MetricRecorder(new MetricConfig("checkout", BuiltInProfiles.Minimal), "checkout-2", new SamplingCounters(), TimeProvider.System);
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int RecordKept()
    {
        var kept = 0;
        for (var i = 0; i < Calls; i++)
        {
            _keeps.Record(MetricNames.LatencyMs, i);
            kept += _keeps.Drain().Count;
        }
        return kept;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int RecordDropped()
    {
        for (var i = 0; i < Calls; i++)
            _drops.Record(MetricNames.LatencyMs, i);
        return _drops.Drain().Count;
    }
}
