using Confluent.Kafka;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Reads, from their beginning and while services run, what every member of a group writes: the <c>cold_start</c>
/// sample each processed event gets (by its source identity), forecasts, scaling decisions and forecaster states, each
/// with the time Kafka stamped on it. Outside any group, so it cannot disturb the services.
/// </summary>
internal sealed class ServiceOutputs : IDisposable
{
    private readonly IConsumer<string, byte[]> _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly Dictionary<SourceIdentity, int> _processed = [];
    private readonly List<(DateTimeOffset Written, ForecastRecord Record)> _forecasts = [];
    private readonly List<(DateTimeOffset Written, ScalingRecord Record)> _decisions = [];
    private readonly List<(DateTimeOffset Written, string Type, byte[] State)> _states = [];

    public ServiceOutputs(string bootstrapServers)
    {
        _reader = KafkaClients.For(bootstrapServers).CreateReader<string, byte[]>($"outputs-{Guid.NewGuid():N}");
        using var admin = KafkaClients.For(bootstrapServers).CreateAdminClient("outputs-admin");
        string[] topics = [.. StandardTopics.BuiltInProfiles.Select(StandardTopics.MetricsTopic), StandardTopics.Forecasts, StandardTopics.Scaling, StandardTopics.ForecasterState];
        var partitions = topics
            .SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
                .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)))
            .ToList();
        _reader.Assign(partitions);
        _thread = new Thread(Read) { IsBackground = true, Name = "service-outputs" };
        _thread.Start();
    }

    /// <summary>Events processed at least once.</summary>
    public int Processed
    {
        get
        {
            lock (_gate)
                return _processed.Count;
        }
    }

    /// <summary>How many times each processed input record was processed.</summary>
    public Dictionary<SourceIdentity, int> ProcessedTimes()
    {
        lock (_gate)
            return new(_processed);
    }

    public List<(DateTimeOffset Written, ForecastRecord Record)> Forecasts()
    {
        lock (_gate)
            return [.. _forecasts];
    }

    public List<(DateTimeOffset Written, ScalingRecord Record)> Decisions()
    {
        lock (_gate)
            return [.. _decisions];
    }

    public List<(DateTimeOffset Written, string Type, byte[] State)> States()
    {
        lock (_gate)
            return [.. _states];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _reader.Close();
        _reader.Dispose();
        _stop.Dispose();
    }

    private void Read()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_reader.Consume(TimeSpan.FromMilliseconds(100)) is not { Message: { } message } result)
                continue;
            var written = DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs);
            lock (_gate)
            {
                switch (result.Topic)
                {
                    case StandardTopics.Forecasts:
                        _forecasts.Add((written, AvroCodecs.Forecast.Decode(message.Value)));
                        break;
                    case StandardTopics.Scaling:
                        _decisions.Add((written, AvroCodecs.ScalingDecision.Decode(message.Value)));
                        break;
                    case StandardTopics.ForecasterState:
                        _states.Add((written, message.Key, message.Value));
                        break;
                    default:
                        var sample = AvroCodecs.MetricSample.Decode(message.Value);
                        if (sample.Metric == MetricNames.ColdStart && sample.Source is { } source)
                            _processed[source] = _processed.GetValueOrDefault(source) + 1;
                        break;
                }
            }
        }
    }
}
