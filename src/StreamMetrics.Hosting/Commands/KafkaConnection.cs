using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace StreamMetrics.Hosting.Commands;

/// <summary>Checks a <c>-b</c> value before any client uses it, so a typo fails at once with a fix instead of a 30 s timeout.</summary>
public static partial class KafkaConnection
{
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(10);

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

    /// <summary>Null when the cluster answers a metadata request within <see cref="ReachTimeout"/>, else the error to print.</summary>
    public static string? CheckReachable(string servers, out Metadata? metadata)
    {
        metadata = null;
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers, LogConnectionClose = false })
                .SetLogHandler((_, _) => { })
                .Build();
            metadata = admin.GetMetadata(ReachTimeout);
            return null;
        }
        catch (KafkaException e)
        {
            return $"cannot reach Kafka at --bootstrap-servers '{servers}' within {ReachTimeout.TotalSeconds:0} s ({e.Error.Reason}): " +
                   "is `streammetrics broker` (or your cluster) running, and is this its address?";
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-\[\]:]+:(6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3})$")]
    private static partial Regex Address();
}
