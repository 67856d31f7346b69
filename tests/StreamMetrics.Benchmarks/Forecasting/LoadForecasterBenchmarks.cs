using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>
/// Cost per event of <see cref="LoadForecaster.Observe"/> and of <see cref="LoadForecaster.ObserveLoad(string, long)"/>, which the
/// forecast stage calls: 100 busy types, 60,000 events
/// per simulated minute, the clock moving one minute per 60,000 events so that every type closes a bucket per minute.
/// </summary>
[MemoryDiagnoser]
public class LoadForecasterBenchmarks
{
    private const int Types = 100;
    private const int EventsPerMinute = 60_000;
    private const int Minutes = 5;
    private string[] _types = [];
    private LoadForecaster _forecaster = null!;
    private ManualTimeProvider _time = null!;

    [Params(ForecastModels.Ewma, ForecastModels.Auto)]
    public string Model { get; set; } = ForecastModels.Auto;

    [GlobalSetup]
    public void Setup()
    {
        _types = Enumerable.Range(0, Types).Select(i => $"type-{i}").ToArray();
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        _forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(Model, new ForecastModelOptions()), _time);
        // A day of history per type, so that every model runs fitted rather than in its start-up fallback.
        for (var minute = 0; minute < 1440; minute++)
        {
            foreach (var type in _types)
                _forecaster.Observe(type);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerMinute * Minutes)]
    public double ObserveEvent()
    {
        var sum = 0.0;
        for (var minute = 0; minute < Minutes; minute++)
        {
            for (var i = 0; i < EventsPerMinute; i++)
                sum += _forecaster.Observe(_types[i % Types]).NextBucket.Point;
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = EventsPerMinute * Minutes)]
    public double ObserveLoadEvent()
    {
        var sum = 0.0;
        for (var minute = 0; minute < Minutes; minute++)
        {
            for (var i = 0; i < EventsPerMinute; i++)
                sum += _forecaster.ObserveLoad(_types[i % Types], 100).RatePerSecond;
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        return sum;
    }
}
