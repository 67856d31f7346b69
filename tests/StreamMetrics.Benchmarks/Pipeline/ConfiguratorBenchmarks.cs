using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Benchmarks.Pipeline;

/// <summary>Cost per event of the configure stage's <see cref="ProfileSelector.Select(string, PredictedLoad)"/>, 100 types taking turns.</summary>
[MemoryDiagnoser]
public class ConfiguratorBenchmarks
{
    private const int Types = 100;
    private TypeForecast[] _forecasts = [];
    private ProfileSelector _selector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var config = StreamMetricsConfig.Default;
        _selector = new ProfileSelector(config.Profiles, config.Selection);
        var forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Ewma, new ForecastModelOptions()), TimeProvider.System);
        _forecasts = Enumerable.Range(0, Types).Select(i => forecaster.Observe($"type-{i}")).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Types)]
    public MetricConfig SelectPerEvent()
    {
        MetricConfig last = null!;
        foreach (var forecast in _forecasts)
            last = _selector.Select(forecast.EventType, PredictedLoad.Of(forecast)).Config;
        return last;
    }
}
