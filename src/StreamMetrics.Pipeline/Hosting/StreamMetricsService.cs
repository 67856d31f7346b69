using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Graph;
using StreamMetrics.Pipeline.Scaling;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Hosting;

/// <summary>
/// One running StreamMetrics instance: the consumer, the Akka.Streams graph, the worker pool and the scaling actor, in an
/// actor system its host owns. Stopping follows the house order: kill switch, drain in-flight events, write the
/// forecaster states, commit, close the consumer, flush the producer, stop the scaling actor. Forecaster states move between instances through the state topic (<see cref="ForecasterCheckpoints"/>).
/// </summary>
public sealed class StreamMetricsService : IAsyncDisposable
{
    private readonly IActorRef _scaling;
    private readonly EventConsumer _consumer;
    private readonly RecordPublisher _publisher;
    private readonly UniqueKillSwitch _killSwitch;
    private readonly ForecasterCheckpoints _checkpoints;
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private readonly int _graphEventsLimit;
    private int _stopped;

    /// <summary>How long the scaling actor may take to finish the tick it is in when the service stops.</summary>
    private static readonly TimeSpan ScalingStopTimeout = TimeSpan.FromSeconds(5);

    private StreamMetricsService(
        IActorRef scaling, EventConsumer consumer, RecordPublisher publisher, UniqueKillSwitch killSwitch, Task completion,
        CancellationTokenSource stopping, ServiceComponents components, ForecasterCheckpoints checkpoints, ILogger logger, int graphEventsLimit)
    {
        _graphEventsLimit = graphEventsLimit;
        _checkpoints = checkpoints;
        _scaling = scaling;
        _consumer = consumer;
        _publisher = publisher;
        _killSwitch = killSwitch;
        Completion = completion;
        _stopping = stopping;
        Components = components;
        _logger = logger;
    }

    /// <summary>Completes when the stream ends: after <see cref="StopAsync"/>, or faulted when a stage failed.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Input records the cluster dropped before they were read (offset resets and gaps): a cluster that keeps less than
    /// the input holds, such as the embedded one with its few megabytes per partition, deletes records nobody read yet.
    /// </summary>
    public long LostMessages => _consumer.LostMessages;

    /// <summary>Input partitions assigned to this instance now; 0 until it has joined its group.</summary>
    public int AssignedPartitions => _consumer.Assignment.Count;

    /// <summary>Input records the consumer has handed to the pipeline.</summary>
    public long ConsumedMessages => _consumer.ConsumedMessages;

    /// <summary>
    /// Input records taken from Kafka and not yet finished (processed or dead-lettered): held by the consumer or inside the
    /// graph. Never above <see cref="MaxEventsInFlight"/>.
    /// </summary>
    public long EventsInFlight
    {
        get
        {
            // Read first: the finished counts only grow, so an event finishing between the two reads is not counted as in flight.
            var taken = _consumer.FetchedMessages;
            var counters = Components.Counters;
            return taken - counters.EventsProcessed - counters.DeadLettered;
        }
    }

    /// <summary>
    /// The cap on <see cref="EventsInFlight"/>: the consumer's held records (2.1 times its channel capacity) plus what the
    /// graph's stages hold (see <c>PipelineGraph.EventsLimit</c>). 22,296 with the default channel and a pool of at most
    /// 256 instances.
    /// </summary>
    public int MaxEventsInFlight => _consumer.HeldLimit + _graphEventsLimit;

    /// <summary>Time since the consumer's poll loop last went round; null before it started.</summary>
    public TimeSpan? SinceLastPoll => _consumer.SinceLastPoll;

    /// <summary>True while the consumer fetches: started, not stopping, its poll loop not failed.</summary>
    public bool IsFetching => _consumer.IsFetching;

    /// <summary>How far behind each assigned input partition is (see <see cref="EventConsumer.Lag"/>).</summary>
    public IReadOnlyList<PartitionLag> Lag() => _consumer.Lag();

    /// <summary>The live components, for views, summaries and tests.</summary>
    public ServiceComponents Components { get; }

    /// <summary>Creates the topics, starts consuming and runs the graph and the scaling actor in <paramref name="system"/>.</summary>
    public static async Task<StreamMetricsService> StartAsync(
        ServiceOptions options, ITopicAdmin topics, ActorSystem system, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellation)
    {
        options.Validate();
        var config = options.Config;
        await topics.EnsureTopicsAsync(TopicsOf(options), cancellation).ConfigureAwait(false);

        var logger = loggers.CreateLogger<StreamMetricsService>();
        var components = ServiceComponents.Create(options, time);
        if (options.ForecasterStateDirectory is { } stateDirectory)
            CheckpointLog.FilesLoaded(logger, ForecasterStateFiles.LoadInto(components.Forecaster, stateDirectory).Count, stateDirectory);
        var clients = new KafkaClients(new KafkaClientSettings { BootstrapServers = options.BootstrapServers, Properties = options.KafkaProperties });
        var checkpoints = new ForecasterCheckpoints(components.Forecaster, clients, new CheckpointSettings(
            options.Group, options.InputTopic, options.ForecasterStateTopic,
            options.StateCheckpointInterval, options.TickInterval, options.StateTimeout), time, loggers.CreateLogger<ForecasterCheckpoints>());
        checkpoints.Start();

        var publisher = new RecordPublisher(clients, loggers.CreateLogger<RecordPublisher>());
        var consumer = new EventConsumer(
            clients,
            new EventConsumerOptions
            {
                GroupId = options.Group, Topics = [options.InputTopic], StartFromBeginning = options.ReadFromBeginning,
            },
            loggers.CreateLogger<EventConsumer>());
        consumer.PartitionsAssigned += checkpoints.OnAssigned;
        consumer.PartitionsRevoked += checkpoints.OnRevoked;
        var stopping = new CancellationTokenSource();
        var stages = PipelineStages.Create(components, publisher, consumer, time, options.DispatchAtEventTime, stopping.Token);
        consumer.PartitionsRevoked += stages.Offsets.Forget;

        var (killSwitch, completion) = PipelineGraph.Run(consumer.Messages, stages, system.Materializer());
        var scaling = system.ActorOf(ScalingActor.Props(new ScalingActorSettings(
            components.Forecaster, components.Pool, components.Policy, components.Counters, components.Peak, publisher, time,
            options.TickInterval, config.Pool.ColdStart, loggers.CreateLogger<ScalingActor>(), checkpoints)
        {
            Types = options.TypePolicies is { } perType ? new TypeScaler(perType, components.Pool, config.Pool.ColdStart) : null,
        }));
        consumer.Start();
        return new StreamMetricsService(
            scaling, consumer, publisher, killSwitch, completion, stopping, components, checkpoints, logger, PipelineGraph.EventsLimit(stages));
    }

    /// <summary>
    /// The service's topics, with the input and state topics under the names the options give them; the state topic gets
    /// the input topic's partition count so that the two are co-partitioned.
    /// </summary>
    private static IReadOnlyList<TopicSpec> TopicsOf(ServiceOptions options)
    {
        var topics = StandardTopics.All(options.Config.Profiles.All);
        var input = topics.Single(topic => topic.Name == StandardTopics.Events);
        return topics
            .Select(topic => topic.Name switch
            {
                StandardTopics.Events => topic with { Name = options.InputTopic },
                StandardTopics.ForecasterState => topic with { Name = options.ForecasterStateTopic, Partitions = input.Partitions },
                _ => topic,
            })
            .ToList();
    }

    /// <summary>Stops taking new records, lets in-flight ones finish and commits their offsets. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        _consumer.StopFetching();
        _killSwitch.Shutdown();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            ServiceLog.StreamFailed(_logger, error);
        }
        // The stream has drained, so the states include every event whose offset the close below commits.
        await Task.Run(_checkpoints.WriteOwned).ConfigureAwait(false);
        await _consumer.CloseAsync().ConfigureAwait(false);
        _publisher.Flush(TimeSpan.FromSeconds(30));
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _scaling.GracefulStop(ScalingStopTimeout).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            ServiceLog.ScalingStopTimedOut(_logger, ScalingStopTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        _publisher.Dispose();
        _checkpoints.Dispose();
        _stopping.Dispose();
        Components.Latencies.Dispose();
    }
}
