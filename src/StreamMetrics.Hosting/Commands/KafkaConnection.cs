using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Hosting.Commands;

/// <summary>Checks a <c>-b</c> value before any client uses it, so a typo fails at once with a fix instead of a 30 s timeout.</summary>
public static partial class KafkaConnection
{
    /// <summary>
    /// How long a command waits for the cluster to answer by default. A cluster that answers answers within milliseconds,
    /// and librdkafka retries a refused connection several times within 10 s; a user at a terminal who sees nothing
    /// for longer takes the command for hung.
    /// </summary>
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The shortest and longest wait a command accepts (<c>run --connect-timeout</c>).</summary>
    public static readonly TimeSpan MinReachTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxReachTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="servers"/> has the form HOST:PORT[,HOST:PORT...], else the error to print.</summary>
    public static string? CheckForm(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
            return "--bootstrap-servers is empty: give HOST:PORT[,HOST:PORT...], e.g. the line `streammetrics broker` prints";
        var bad = servers.Split(',').Select(s => s.Trim()).FirstOrDefault(s => !Address().IsMatch(s));
        return bad is null
            ? null
            : $"--bootstrap-servers '{servers}': '{bad}' is not HOST:PORT (a port 1-65535); " +
              "use the line `streammetrics broker` prints (or the file its --bootstrap-file wrote), e.g. -b 127.0.0.1:39421";
    }

    /// <summary>
    /// Null when <paramref name="servers"/> has the right form and the cluster answers with the user's librdkafka
    /// <paramref name="properties"/> (security, SASL, TLS), else the error to print; <paramref name="clients"/> are then
    /// the ones to use.
    /// </summary>
    public static string? Check(string servers, IReadOnlyDictionary<string, string> properties, out KafkaClients? clients, out Metadata? metadata) =>
        Check(servers, properties, ReachTimeout, out clients, out metadata);

    /// <summary>As <see cref="Check(string, IReadOnlyDictionary{string, string}, out KafkaClients?, out Metadata?)"/>, waiting up to <paramref name="timeout"/> for the answer.</summary>
    public static string? Check(string servers, IReadOnlyDictionary<string, string> properties, TimeSpan timeout, out KafkaClients? clients, out Metadata? metadata)
    {
        clients = null;
        metadata = null;
        if (CheckForm(servers) is { } problem)
            return problem;
        clients = new KafkaClients(new KafkaClientSettings { BootstrapServers = servers, Properties = properties });
        return CheckReachable(clients, timeout, out metadata);
    }

    /// <summary>Null when the cluster answers a metadata request within <paramref name="timeout"/>, else the error to print.</summary>
    public static string? CheckReachable(KafkaClients clients, TimeSpan timeout, out Metadata? metadata)
    {
        metadata = null;
        try
        {
            using var admin = clients.CreateAdminClient("streammetrics-probe");
            metadata = admin.GetMetadata(timeout);
            return null;
        }
        catch (KafkaException e)
        {
            return $"cannot reach Kafka at --bootstrap-servers '{clients.BootstrapServers}' within {DurationText.Format(timeout)} ({e.Error.Reason}): " +
                   "is `streammetrics broker` (or your cluster) running, is this its address, and do -X or the config file's " +
                   "kafka section give the security settings it needs?";
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-\[\]:]+:(6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3})$")]
    private static partial Regex Address();
}
