using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Scaling;

/// <summary>What the scaling actor reads, decides with and acts on; <paramref name="Checkpoints"/> writes forecaster states on the tick.</summary>
internal sealed record ScalingActorSettings(
    LoadForecaster Forecaster,
    WorkerPool Pool,
    IScalingPolicy Policy,
    PipelineCounters Counters,
    ScalingHistory History,
    RecordPublisher Publisher,
    TimeProvider Time,
    TimeSpan TickInterval,
    TimeSpan ColdStart,
    ILogger Logger,
    ForecasterCheckpoints? Checkpoints = null);
