using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Pipeline.Hosting;

/// <summary>Settings of one StreamMetrics service instance (the <c>run</c> command, the demo and the tests).</summary>
public sealed class ServiceOptions
{
    /// <summary>Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]. Required.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>
    /// librdkafka properties every Kafka client of the service gets (security, SASL, TLS, tuning): the config file's
    /// <c>kafka</c> section and <c>-X</c>. Properties the service sets itself are refused. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> KafkaProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Topic the events arrive on. Default <c>events</c>.</summary>
    public string InputTopic { get; init; } = "events";

    /// <summary>Consumer group; run more instances with the same group to scale out. Default <c>streammetrics</c>.</summary>
    public string Group { get; init; } = "streammetrics";

    /// <summary>Profiles, selection thresholds, functions and pool settings (the <c>--config</c> file). Default: built-ins only.</summary>
    public StreamMetricsConfig Config { get; init; } = StreamMetricsConfig.Default;

    /// <summary>
    /// The bound every per-event-type table of the service keeps (forecaster, configurator, worker pool, scaler,
    /// counters): most types, and the idle time after which a type is forgotten. Default 75,000 types, 1 day.
    /// </summary>
    public TypeTableOptions Types { get; init; } = new();

    /// <summary>Forecast bucketing. Default: one-minute buckets.</summary>
    public LoadForecasterOptions Forecasting { get; init; } = new();

    /// <summary>
    /// The model every event type is forecast with (<c>naive</c>, <c>seasonal-naive</c>, <c>ewma</c>, <c>holt-winters</c>,
    /// <c>ssa</c>, <c>gbm</c> or <c>auto</c>). Default <c>auto</c>: per type, the candidate with the lowest rolling error.
    /// </summary>
    public string ForecastModel { get; init; } = ForecastModels.Auto;

    /// <summary>Settings of the forecasting models; the season is counted in buckets. Default: a day of one-minute buckets.</summary>
    public ForecastModelOptions Models { get; init; } = new();

    /// <summary>How often the scaling actor decides and publishes forecasts. Range 100 ms to 1 min; default 1 s.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Compacted topic each event type's forecaster state is handed over through (see <c>ForecasterCheckpoints</c>);
    /// created with the input topic's partition count. Default <c>forecaster-state</c>.
    /// </summary>
    public string ForecasterStateTopic { get; init; } = "forecaster-state";

    /// <summary>
    /// How long one periodic pass writing every owned type's state takes; it bounds what a crash loses (a clean stop or
    /// rebalance writes everything). Range 1 s to 1 h; default 5 min, which spreads 100,000 types over 300 ticks.
    /// </summary>
    public TimeSpan StateCheckpointInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest wait for reading the state of newly assigned partitions, or for acknowledgements of written states; the
    /// read holds up those partitions' first records. Range 1 s to 2 min (below the consumer's poll limit); default 30 s.
    /// </summary>
    public TimeSpan StateTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Directory of per-type snapshots trained offline (<c>forecast --save-state DIR</c>: <c>DIR/&lt;type&gt;.state</c>),
    /// loaded at start; a newer state on the state topic replaces them on assignment. Default none.
    /// </summary>
    public string? ForecasterStateDirectory { get; init; }

    /// <summary>
    /// Makes the scaling policy of one event type (given its name). When set, every type is scaled by its own policy
    /// (pre-warming its instances and retiring its idle ones) and the pool's parallelism stays at its maximum. Default
    /// null: one pool-wide reactive policy sets the pool's parallelism, the behaviour of <c>run</c> and <c>demo</c>.
    /// </summary>
    public Func<string, IScalingPolicy>? TypePolicies { get; init; }

    /// <summary>
    /// Hold each event until the service's clock reaches the event's timestamp before forecasting and running it, so a
    /// trace published ahead of time reaches the worker pool at its recorded arrival times (the <c>replay</c> command).
    /// Default false: events are processed as they come.
    /// </summary>
    public bool DispatchAtEventTime { get; init; }

    /// <summary>
    /// Where a group new to the input topic starts: true = the oldest records, false = only records published after it
    /// joined (a replay sharing a topic reads only its own). Default true.
    /// </summary>
    public bool ReadFromBeginning { get; init; } = true;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new ArgumentException("bootstrap-servers is empty: give HOST:PORT[,HOST:PORT...]", nameof(BootstrapServers));
        if (string.IsNullOrWhiteSpace(InputTopic))
            throw new ArgumentException("input-topic is empty: give a topic name such as 'events'", nameof(InputTopic));
        if (string.IsNullOrWhiteSpace(Group))
            throw new ArgumentException("group is empty: give a consumer group name such as 'streammetrics'", nameof(Group));
        if (TickInterval < TimeSpan.FromMilliseconds(100) || TickInterval > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(TickInterval), $"tick = {DurationText.Format(TickInterval)}, must be between 100ms and 1m");
        if (string.IsNullOrWhiteSpace(ForecasterStateTopic))
            throw new ArgumentException("forecaster-state-topic is empty: give a topic name such as 'forecaster-state'", nameof(ForecasterStateTopic));
        if (ForecasterStateTopic == InputTopic)
            throw new ArgumentException($"forecaster-state-topic = '{ForecasterStateTopic}', must differ from the input topic", nameof(ForecasterStateTopic));
        if (StateCheckpointInterval < TimeSpan.FromSeconds(1) || StateCheckpointInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(StateCheckpointInterval),
                $"state-checkpoint-interval = {DurationText.Format(StateCheckpointInterval)}, must be between 1s and 1h");
        }

        if (StateTimeout < TimeSpan.FromSeconds(1) || StateTimeout > TimeSpan.FromMinutes(2))
            throw new ArgumentOutOfRangeException(nameof(StateTimeout), $"state-timeout = {DurationText.Format(StateTimeout)}, must be between 1s and 2m");
        Types.Validate();
        Forecasting.Validate();
        Models.Validate();
        if (!ForecastModels.Names.Contains(ForecastModel))
            throw new ArgumentException($"forecast-model = '{ForecastModel}', must be one of {string.Join(", ", ForecastModels.Names)}", nameof(ForecastModel));
    }
}
