using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>
/// Cost of one observed bucket of one type, per model: a fresh model observes a day of 1440 minute buckets and
/// forecasts the next bucket after each, so refits and fits are included at their real rate.
/// The StateKB columns give the model's state size after one and after three days.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StateSizeConfig))]
public class ModelObserveBenchmarks
{
    private const int Buckets = 1440;
    private double[] _day = [];
    private readonly ForecastModelOptions _options = new();

    [Params(ForecastModels.Naive, ForecastModels.SeasonalNaive, ForecastModels.Ewma, ForecastModels.HoltWinters, ForecastModels.Ssa, ForecastModels.Auto)]
    public string Model { get; set; } = ForecastModels.Auto;

    [GlobalSetup]
    public void Setup() => _day = BenchmarkSeries.Day(seed: 1);

    [Benchmark(OperationsPerInvoke = Buckets)]
    public double ObserveBucket()
    {
        var model = ForecastModels.Create(Model, _options);
        var sum = 0.0;
        foreach (var count in _day)
        {
            model.Observe(count);
            sum += model.Predict(1).Point;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Buckets)]
    public double ObserveIdleBucket()
    {
        var model = ForecastModels.Create(Model, _options);
        var sum = 0.0;
        for (var t = 0; t < Buckets; t++)
        {
            model.Observe(0);
            sum += model.Predict(1).Point;
        }
        return sum;
    }
}
