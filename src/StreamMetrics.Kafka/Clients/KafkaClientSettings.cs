namespace StreamMetrics.Kafka.Clients;

/// <summary>
/// Where the Kafka cluster is and how to reach it: the one source every consumer, producer and admin client of the
/// program is configured from (through <see cref="KafkaClients"/>), so the same code reaches an embedded cluster and a
/// secured real one.
/// </summary>
public sealed class KafkaClientSettings
{
    /// <summary>Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]. Required.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>
    /// librdkafka properties passed to every client as they are, e.g. <c>security.protocol</c>, <c>sasl.mechanism</c>,
    /// <c>sasl.username</c>, <c>sasl.password</c>, <c>ssl.ca.location</c>: from the config file's <c>kafka</c> section and
    /// the <c>-X key=value</c> option. Properties the program sets itself (<see cref="KafkaProperties.Owned"/>) are
    /// refused. A property that does not apply to a client kind is ignored by that kind, with a librdkafka warning.
    /// Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting, its value and the fix.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new ArgumentException("bootstrap-servers is empty: give HOST:PORT[,HOST:PORT...]", nameof(BootstrapServers));
        foreach (var (key, value) in Properties)
        {
            if (KafkaProperties.Problem(key, value) is { } problem)
                throw new ArgumentException($"kafka property {KafkaProperties.Describe(key, value)}: {problem}", nameof(Properties));
        }
    }
}
