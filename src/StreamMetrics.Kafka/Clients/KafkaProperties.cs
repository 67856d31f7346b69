using System.Text;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Embedded;

namespace StreamMetrics.Kafka.Clients;

/// <summary>
/// The librdkafka properties a user may pass to every client (<c>-X key=value</c>, the config file's <c>kafka</c>
/// section): how they are written, which ones the program owns, and whether librdkafka accepts the rest.
/// </summary>
public static class KafkaProperties
{
    /// <summary>How a user writes one property on the command line.</summary>
    public const string Form = "key=value, a librdkafka property and its value, e.g. -X security.protocol=SASL_SSL";

    private const string Commits =
        "offsets are stored and committed only for records whose outputs Kafka acknowledged (at-least-once)";

    private const string Delivery =
        "records are written once, in order, and acknowledged by every in-sync replica before an input offset is released";

    private const string Servers = "give the cluster with -b/--bootstrap-servers";

    /// <summary>
    /// Properties the program sets itself (librdkafka's aliases included), each with the reason; a user's value for one
    /// is refused rather than silently overridden or allowed to break a guarantee.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Owned { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = Servers,
        ["metadata.broker.list"] = Servers,
        ["client.id"] = "each client gets its own id (streammetrics-<group>-...) so broker logs and quotas tell them apart",
        ["group.id"] = "the service's consumer group is run --group; the other clients read without joining a group",
        ["group.instance.id"] = "the program's consumers join and leave their groups dynamically; one static id would be shared by all of them",
        ["enable.auto.commit"] = Commits,
        ["auto.commit.enable"] = Commits,
        ["enable.auto.offset.store"] = Commits,
        ["auto.offset.reset"] = "where reading starts is each command's choice (a new run group reads from the beginning; watch has --from-beginning)",
        ["enable.partition.eof"] = "the forecaster-state reader needs end-of-partition events to know it read a partition whole",
        ["fetch.wait.max.ms"] = "consumers wait at most 50 ms for a fetch, which keeps the end-to-end latency low",
        ["enable.idempotence"] = Delivery,
        ["acks"] = Delivery,
        ["request.required.acks"] = Delivery,
        ["linger.ms"] = "each producer batches as long as its use needs (5 ms; 50 ms for a replayed trace)",
        ["queue.buffering.max.ms"] = "each producer batches as long as its use needs (5 ms; 50 ms for a replayed trace)",
        ["message.timeout.ms"] = "the publisher fails a record not acknowledged within 30 s, so its event is read again",
        ["delivery.timeout.ms"] = "the publisher fails a record not acknowledged within 30 s, so its event is read again",
        ["queue.buffering.max.messages"] = "the publisher waits for room once 1,000,000 records are buffered",
        ["partitioner"] = "the forecaster-state hand-over finds a type's partition as librdkafka's default partitioner (consistent_random) does",
        ["dotnet.consumer.consume.result.fields"] = "the service's consumer reads each record's topic and timestamp, never its headers",
        ["dotnet.producer.delivery.report.fields"] = "the publisher reads only whether each record was delivered",
        ["transactional.id"] = "the program's producers are idempotent, not transactional; one shared id would fence them off each other",
    };

    /// <summary>
    /// Properties the program sets only where the user did not: the group's timing (see <c>EventConsumerOptions</c>),
    /// which the cluster and its network decide, the consumers' wait before fetching again once their local queue is
    /// full, and the publisher's compression.
    /// </summary>
    public static IReadOnlySet<string> Defaults { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "session.timeout.ms", "heartbeat.interval.ms", "fetch.queue.backoff.ms", "compression.type", "compression.level",
    };

    /// <summary>
    /// Null when <paramref name="key"/> = <paramref name="value"/> may be passed to the clients, else why not and what to
    /// do instead (without the property itself, which the caller names in its own words).
    /// </summary>
    public static string? Problem(string key, string value)
    {
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            return $"'{key}' is not a property name: write {Form}";
        if (Owned.TryGetValue(key, out var reason))
            return $"{key} is set by StreamMetrics ({reason}); leave it out";
        if (key.StartsWith("dotnet.", StringComparison.Ordinal))
            return $"{key} is a setting of the .NET client around librdkafka, whose defaults StreamMetrics relies on; leave it out";
        return LibrdkafkaRefusal(key, value);
    }

    /// <summary><c>key=value</c> for messages, with the value of a password, secret or private key hidden.</summary>
    public static string Describe(string key, string value) => $"{key}={Shown(key, value)}";

    /// <summary>
    /// Reads one <c>-X</c> value, <c>key=value</c> (the value may itself hold '='). False with the error to print,
    /// naming the value and the fix, when it is not of that form or the property cannot be used.
    /// </summary>
    public static bool TryParse(string text, out KeyValuePair<string, string> property, out string? error)
    {
        property = default;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"-X '{text}' is not key=value: write -X {Form}";
            return false;
        }
        var (key, value) = (text[..equals], text[(equals + 1)..]);
        error = Problem(key, value) is { } problem ? $"-X {Describe(key, value)}: {problem}" : null;
        property = new(key, value);
        return error is null;
    }

    /// <summary>
    /// Checks the <c>kafka</c> section of a config file; throws <see cref="ConfigException"/> naming the file, the key,
    /// the value and the fix for the first property that cannot be used.
    /// </summary>
    public static void CheckConfigFile(IReadOnlyDictionary<string, string> properties, string configFile)
    {
        foreach (var (key, value) in properties)
        {
            if (Problem(key, value) is { } problem)
                throw new ConfigException(configFile, $"kafka.{key} = '{Shown(key, value)}': {problem}");
        }
    }

    /// <summary>The config file's properties with the command line's on top: a <c>-X</c> value wins over the file's.</summary>
    public static IReadOnlyDictionary<string, string> Merge(
        IReadOnlyDictionary<string, string> configFile, IReadOnlyDictionary<string, string> commandLine)
    {
        var merged = new Dictionary<string, string>(configFile, StringComparer.Ordinal);
        foreach (var (key, value) in commandLine)
            merged[key] = value;
        return merged;
    }

    /// <summary>The value as messages show it: hidden for a password, a secret or a private key, which must not reach logs.</summary>
    private static string Shown(string key, string value) =>
        key.Contains("password", StringComparison.Ordinal) || key.Contains("secret", StringComparison.Ordinal)
        || key.EndsWith("key.pem", StringComparison.Ordinal)
            ? "***"
            : value;

    /// <summary>
    /// Asks librdkafka itself whether it knows the property and accepts the value, so a misspelt name fails when it is
    /// read rather than when the first client starts. Null where librdkafka cannot be asked this way (the embedded
    /// cluster's binding needs Linux): the client's start then reports the same error.
    /// </summary>
    private static string? LibrdkafkaRefusal(string key, string value)
    {
        IntPtr conf;
        try
        {
            NativeRdKafka.EnsureResolver();
            conf = NativeRdKafka.ConfNew();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        try
        {
            var error = new byte[512];
            if (NativeRdKafka.ConfSet(conf, key, value, error, (nuint)error.Length) == NativeRdKafka.ConfOk)
                return null;
            var end = Array.IndexOf(error, (byte)0);
            var reason = Encoding.UTF8.GetString(error, 0, end < 0 ? error.Length : end);
            return $"librdkafka refuses it ({reason}); use a property name librdkafka knows and a value it allows";
        }
        finally
        {
            NativeRdKafka.ConfDestroy(conf);
        }
    }
}
