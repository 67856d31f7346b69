using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamMetrics.Kafka.Clients;

/// <summary>librdkafka's own log lines, for clients built by <see cref="KafkaClients"/>.</summary>
internal static partial class NativeLog
{
    /// <summary>
    /// A log handler writing to <paramref name="log"/>, or dropping every line without one: librdkafka's default handler
    /// would print to standard error, around the command's own output.
    /// </summary>
    public static Action<IClient, LogMessage> To(ILogger? log) =>
        log is null ? (_, _) => { } : (_, message) => Line(log, Level(message.Level), message.Facility, message.Message);

    /// <summary>Errors stay errors, warnings warnings; librdkafka's notices and debug lines are debug here.</summary>
    public static LogLevel Level(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private static partial void Line(ILogger logger, LogLevel level, string facility, string text);
}
