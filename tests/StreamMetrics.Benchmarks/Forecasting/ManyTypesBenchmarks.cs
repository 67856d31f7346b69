using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>
/// 100,000 event types in one <see cref="LoadForecaster"/> running <c>auto</c>: each type sees events in
/// <see cref="Minutes"/> consecutive minutes. Reports the time for all of it and, in the allocation column, the memory
/// allocated, which bounds the state kept (divide by 100,000 for bytes per type).
/// </summary>
[MemoryDiagnoser]
public class ManyTypesBenchmarks
{
    private const int Types = 100_000;
    private string[] _types = [];

    [Params(3, 30)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup() => _types = Enumerable.Range(0, Types).Select(i => $"type-{i:D6}").ToArray();

    [Benchmark]
    public int HundredThousandTypes()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Auto, new ForecastModelOptions()), time);
        for (var minute = 0; minute < Minutes; minute++)
        {
            foreach (var type in _types)
                forecaster.Observe(type);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        return forecaster.Snapshot().Count;
    }
}
