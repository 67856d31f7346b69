using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Scaling;

namespace StreamMetrics.Pipeline.Hosting;

/// <summary>The live components of a running service, which views, summaries and tests read.</summary>
public sealed record ServiceComponents(
    LoadForecaster Forecaster,
    ProfileSelector Selector,
    WorkerPool Pool,
    PipelineCounters Counters,
    ParallelismPeak Peak,
    IScalingPolicy Policy,
    StageLatencies Latencies)
{
    /// <summary>Fresh components for <paramref name="options"/>: the service's, and the in-memory benchmark's, alike.</summary>
    internal static ServiceComponents Create(ServiceOptions options, TimeProvider time)
    {
        var config = options.Config;
        var types = options.Types;
        return new ServiceComponents(
            new LoadForecaster(options.Forecasting, ForecastModels.Factory(options.ForecastModel, options.Models), time, types),
            new ProfileSelector(config.Profiles, config.Selection, time, types),
            new WorkerPool(config.Pool, new FunctionCatalog(config.Functions, time), time, types: types),
            new PipelineCounters(types, time),
            new ParallelismPeak(),
            new ReactivePolicy(new ReactivePolicyOptions { MaxInstances = config.Pool.MaxParallelism, MinInstances = 1 }),
            new StageLatencies(time));
    }
}
