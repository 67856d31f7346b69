using Microsoft.Extensions.Logging;

namespace StreamMetrics.Hosting;

/// <summary>Logs to standard error, so standard output stays for results that scripts read.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(builder => Configure(builder, minimum));

    /// <summary>One line per entry, with a time of day, on standard error, from <paramref name="minimum"/> up.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel minimum) => builder
        .ClearProviders()
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}
