using System.CommandLine;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// The one way a command fails on something its user can fix (a malformed or out-of-range value, a bad config file, a
/// missing file, an unreachable cluster): one line on standard error that names the value and the fix, and exit code 2,
/// whether the parser found the problem or the command did. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class UserErrors
{
    public const int ExitCode = 2;

    /// <summary>Parses and runs a command line; parse errors end it here, on the same one line and exit code as the rest.</summary>
    public static async Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration configuration, CancellationToken cancellation = default)
    {
        if (parse.Errors.Count == 0)
            return await parse.InvokeAsync(configuration, cancellation).ConfigureAwait(false);
        var command = parse.CommandResult.Command;
        var help = command.Parents.Any() ? $"{RootName(parse)} {command.Name} --help" : $"{RootName(parse)} --help";
        var problems = string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)));
        await configuration.Error.WriteLineAsync($"error: {problems} (see `{help}`)").ConfigureAwait(false);
        return ExitCode;
    }

    /// <summary>
    /// Sets the command's action, turning the user errors it throws into the one line and exit code 2, and a stop it
    /// gave up on because Ctrl-C or SIGTERM cancelled it into one line and <see cref="StopSignals.InterruptedExitCode"/>.
    /// </summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                return await action(parse, cancellation);
            }
            catch (Exception error) when (IsUserError(error))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {error.Message}");
                return ExitCode;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"stopped: {parse.CommandResult.Command.Name} was interrupted before it finished");
                return StopSignals.InterruptedExitCode;
            }
        });

    private static string RootName(ParseResult parse) => parse.RootCommandResult.Command.Name;

    /// <summary>The parser lists choices on lines of their own; the user gets them on the one line.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private static bool IsUserError(Exception error) => error is ConfigException
        or IOException
        or InvalidDataException
        or FormatException
        or ArgumentException
        or TopicCreationException;
}
