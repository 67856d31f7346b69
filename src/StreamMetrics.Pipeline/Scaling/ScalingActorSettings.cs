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
    ParallelismPeak ParallelismPeak,
    RecordPublisher Publisher,
    TimeProvider Time,
    TimeSpan TickInterval,
    TimeSpan ColdStart,
    ILogger Logger,
    ForecasterCheckpoints? Checkpoints = null)
{
    /// <summary>
    /// Per-type scaling, when selected: the pool's parallelism is then left at its maximum and each type's policy sets
    /// that type's warm floor and idle timeout (the pool's keep-alive no longer applies). Null (the default) keeps the
    /// pool-wide policy in charge of parallelism, and idle instances retire after the pool's keep-alive.
    /// </summary>
    public TypeScaler? Types { get; init; }
}
