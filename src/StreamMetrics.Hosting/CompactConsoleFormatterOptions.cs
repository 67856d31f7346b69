using Microsoft.Extensions.Logging.Console;

namespace StreamMetrics.Hosting;

/// <summary>Settings of <see cref="CompactConsoleFormatter"/>.</summary>
internal sealed class CompactConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>
    /// Whole lines and stack traces, for a debugging session; otherwise (the default level) every entry is one line of
    /// at most <see cref="CompactConsoleFormatter.MaxLine"/> characters and an exception shows only its type and message.
    /// </summary>
    public bool Verbose { get; set; }
}
