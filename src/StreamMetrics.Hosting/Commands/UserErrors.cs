using System.CommandLine;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// Turns the errors a user can fix (bad config, bad option value, missing or malformed file) into one clear line on
/// standard error and exit code 2, instead of a stack trace. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class UserErrors
{
    public const int ExitCode = 2;

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
        });

    private static bool IsUserError(Exception error) => error is ConfigException
        or FileNotFoundException
        or DirectoryNotFoundException
        or InvalidDataException
        or FormatException
        or ArgumentException
        or TopicCreationException;
}
