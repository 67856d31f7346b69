using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Scaling;

namespace StreamMetrics.Pipeline.Hosting;

/// <summary>The live parts of a running service that views, summaries and tests read.</summary>
public sealed record ServiceParts(
    LoadForecaster Forecaster,
    ProfileSelector Selector,
    WorkerPool Pool,
    PipelineCounters Counters,
    LatestDecisionAndPeak Scaling,
    IScalingPolicy Policy);
