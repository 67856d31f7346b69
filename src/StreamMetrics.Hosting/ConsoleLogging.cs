using Microsoft.Extensions.Logging;

namespace StreamMetrics.Hosting;

/// <summary>Logs to standard error, so standard output stays for results that scripts read.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(builder => Configure(builder, minimum));

    /// <summary>
    /// One short line per entry (<see cref="CompactConsoleFormatter"/>), with a time of day, on standard error, from
    /// <paramref name="minimum"/> up; below information, whole lines and stack traces.
    /// </summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LogLevel minimum) => builder
        .ClearProviders()
        .SetMinimumLevel(minimum)
        .AddConsoleFormatter<CompactConsoleFormatter, CompactConsoleFormatterOptions>(options => options.Verbose = minimum < LogLevel.Information)
        .AddConsole(options =>
        {
            options.FormatterName = CompactConsoleFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
}
