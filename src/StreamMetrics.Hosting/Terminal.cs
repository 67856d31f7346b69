using Spectre.Console;

namespace StreamMetrics.Hosting;

/// <summary>
/// Decides, the same way for every command, whether a writer reaches a person at a terminal, who gets views that
/// redraw in place (live tables, progress bars), or is redirected to a file or a pipe, which gets plain lines that
/// logs and scripts can keep.
/// </summary>
public static class Terminal
{
    /// <summary>True for standard output or error while it is a terminal that understands ANSI control sequences.</summary>
    public static bool IsLive(TextWriter writer) => IsTerminal(writer) && Console(writer).Profile.Capabilities.Ansi;

    /// <summary>A Spectre console writing to <paramref name="writer"/>, with colours and cursor moves only on a terminal.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var terminal = IsTerminal(writer);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected)
        || (ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected);
}
