using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace StreamMetrics.Hosting;

/// <summary>
/// One short line per log entry, as an operator reads it on a terminal: <c>12:00:01 info EventConsumer: group
/// streammetrics: assigned events[0-31]</c>. The category is the type's own name and the event id is left out: the
/// framework's single-line format spends some 70 characters on them before the message starts.
/// </summary>
internal sealed class CompactConsoleFormatter(IOptionsMonitor<CompactConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "streammetrics-compact";

    /// <summary>The longest line written at the default level; a longer message (a library's) is cut, saying so.</summary>
    public const int MaxLine = 200;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var exception = logEntry.Exception;
        if (string.IsNullOrEmpty(message) && exception is null)
            return;
        var verbose = options.CurrentValue.Verbose;
        var time = TimeProvider.System.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var line = $"{time} {Level(logEntry.LogLevel)} {ShortCategory(logEntry.Category)}: {OneLine(message)}";
        if (exception is not null)
            line += $" ({exception.GetType().Name}: {OneLine(exception.Message)})";
        if (!verbose && line.Length > MaxLine)
            line = line[..(MaxLine - 1)] + "…";
        textWriter.WriteLine(line);
        if (verbose && exception is not null)
            textWriter.WriteLine(exception.ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    /// <summary>StreamMetrics.Kafka.Messaging.EventConsumer as EventConsumer; generic arguments and nested names kept.</summary>
    private static string ShortCategory(string category)
    {
        var generic = category.IndexOfAny(['<', '[']);
        var name = generic < 0 ? category : category[..generic];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
