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
    StageLatencies Latencies);
